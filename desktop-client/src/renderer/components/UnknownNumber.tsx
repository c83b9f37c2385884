import { useState, type JSX } from 'react';
import { assignContact, createContact, searchContacts, searchPartners } from '../actions.js';
import type { Popup } from '../store.js';
import { useT } from './useT.js';

/** An unknown number: give it to an existing contact (search as you type), or create a contact person. */
export function UnknownNumber({ popup }: { readonly popup: Popup }): JSX.Element {
  const t = useT();
  const [creating, setCreating] = useState(false);
  return (
    <div className="unknown" data-testid="unknown-number">
      <div className="label">{t.t('unknownNumber')}</div>
      <input name="contact-search" placeholder={t.t('searchContacts')} aria-label={t.t('assignToContact')} value={popup.search}
        onChange={(e) => void searchContacts(popup.key, e.target.value)} data-testid="contact-search" />
      {popup.searchResults.length > 0 && (
        <ul className="results">
          {popup.searchResults.map((c) => (
            <li key={c.contactPersonId}>
              <span>{c.name}{c.partner !== null && ` · ${c.partner.name}`}</span>
              <button type="button" onClick={() => void assignContact(popup.key, c.contactPersonId)} data-testid="assign-contact">{t.t('assign')}</button>
            </li>
          ))}
        </ul>
      )}
      {creating ? <NewContactForm popupKey={popup.key} /> : <button type="button" onClick={() => { setCreating(true); }}>{t.t('createContact')}</button>}
    </div>
  );
}

function NewContactForm({ popupKey }: { readonly popupKey: string }): JSX.Element {
  const t = useT();
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [partnerText, setPartnerText] = useState('');
  const [partners, setPartners] = useState<readonly { id: number; abbr: string; name: string }[]>([]);
  const [partnerId, setPartnerId] = useState<number | null>(null);
  return (
    <form className="new-contact" onSubmit={(e) => {
      e.preventDefault();
      if (last.trim() === '') return;
      const partner = partnerId !== null ? { id: partnerId } : partnerText.trim() !== '' ? { newName: partnerText.trim() } : null;
      void createContact(popupKey, first.trim(), last.trim(), partner);
    }}>
      <div className="label">{t.t('createContact')}</div>
      <input name="first-name" placeholder={t.t('firstName')} value={first} onChange={(e) => { setFirst(e.target.value); }} />
      <input name="last-name" placeholder={t.t('lastName')} value={last} onChange={(e) => { setLast(e.target.value); }} required />
      <input name="partner" placeholder={t.t('partnerSearch')} value={partnerText} onChange={(e) => {
        setPartnerText(e.target.value);
        setPartnerId(null);
        void searchPartners(e.target.value).then(setPartners);
      }} />
      {partnerId === null && partners.length > 0 && (
        <ul className="results">
          {partners.map((p) => (
            <li key={p.id}><button type="button" onClick={() => { setPartnerId(p.id); setPartnerText(p.name); setPartners([]); }}>{p.name} ({p.abbr})</button></li>
          ))}
        </ul>
      )}
      <div className="muted">{partnerId === null ? (partnerText.trim() === '' ? t.t('noPartner') : t.t('newPartner', { name: partnerText.trim() })) : ''}</div>
      <button type="submit">{t.t('create')}</button>
    </form>
  );
}
