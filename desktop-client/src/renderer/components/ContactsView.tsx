import type { JSX } from 'react';
import { searchDirectory } from '../actions.js';
import { useDesk } from '../store.js';
import { PhoneList } from './PhoneList.js';
import { useT } from './useT.js';

/** Contact persons, searched as you type, with their partner and their numbers to dial. */
export function ContactsView(): JSX.Element {
  const t = useT();
  const query = useDesk((s) => s.directoryQuery);
  const contacts = useDesk((s) => s.directory);
  return (
    <section className="directory">
      <input name="directory" type="search" placeholder={t.t('searchContacts')} aria-label={t.t('searchContacts')} value={query}
        onChange={(e) => void searchDirectory(e.target.value)} data-testid="directory-search" />
      <ul>
        {contacts.map((c) => (
          <li key={c.contactPersonId} data-testid="directory-contact">
            <strong>{c.name}</strong>{c.position !== null && ` (${c.position})`}{c.partner !== null && <span className="muted"> · {c.partner.name}</span>}
            <PhoneList phones={c.phones} />
          </li>
        ))}
      </ul>
    </section>
  );
}
