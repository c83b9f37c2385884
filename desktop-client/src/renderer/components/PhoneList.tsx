import type { JSX } from 'react';
import type { ContactPhone } from '@cc/protocol';
import { dial } from '../actions.js';
import { useT } from './useT.js';

/** A contact's phone numbers, each one click from dialling (the number the call is on left out). */
export function PhoneList({ phones, except = null }: { readonly phones: readonly ContactPhone[]; readonly except?: string | null }): JSX.Element | null {
  const t = useT();
  const shown = phones.filter((p) => p.e164 !== except);
  if (shown.length === 0) return null;
  return (
    <ul className="phones">
      {shown.map((p) => (
        <li key={`${p.type}:${p.e164}`}>
          <span className="muted">{p.type}</span> {p.value}{' '}
          <button type="button" onClick={() => void dial(p.e164)} data-testid="dial-phone" aria-label={`${t.t('dial')} ${p.value}`}>{t.t('dial')}</button>
        </li>
      ))}
    </ul>
  );
}
