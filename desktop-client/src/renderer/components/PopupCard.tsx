import { useState, type JSX } from 'react';
import type { ContactCard } from '@cc/protocol';
import { closePopup, createTask, dial, pickContact, saveActivity, setNote } from '../actions.js';
import type { Popup } from '../store.js';
import { PartnerFacts } from './PartnerFacts.js';
import { PhoneList } from './PhoneList.js';
import { UnknownNumber } from './UnknownNumber.js';
import { useT } from './useT.js';

/** The screen-pop and activity form of one call on one line, open before pickup. */
export function PopupCard({ popup }: { readonly popup: Popup }): JSX.Element {
  const t = useT();
  const { call } = popup;
  const chosen: ContactCard | undefined = call.contacts.find((c) => c.contactPersonId === popup.contactPersonId);
  const heading = call.internal ? t.t('internalCall') : call.direction === 'inbound' ? t.t('incomingCall') : t.t('outgoingCall');
  const state = popup.ended === 'missed' ? t.t('missedCall') : popup.ended === 'finished' ? t.t('callEnded') : call.state === 'ringing' ? t.t('ringing') : t.t('inCall');
  return (
    <article className={`popup popup-${popup.ended ?? call.state}`} data-testid="popup" data-call={call.callId} data-line={call.line}>
      <header>
        <span className="heading">{heading} · {t.t('line')} {call.line}</span>
        <span className="call-state" data-testid="popup-state">{state}</span>
        <button type="button" className="close" aria-label={t.t('close')} onClick={() => { closePopup(popup.key); }}>×</button>
      </header>
      <h2 className="number" data-testid="popup-number">{call.remoteDisplay}</h2>
      <dl className="facts">
        <dt>{t.t('activityType')}</dt><dd data-testid="popup-activity-type">{call.activityType}</dd>
        <dt>{t.t('subject')}</dt><dd>{call.remoteDisplay}</dd>
        <dt>{t.t('responsible')}</dt><dd>{call.responsibleUser ?? '—'}</dd>
        {chosen?.addressType != null && <><dt>{t.t('addressType')}</dt><dd>{chosen.addressType}</dd></>}
      </dl>

      {call.contacts.length > 1 && (
        <fieldset className="contact-choice" data-testid="contact-choice">
          <legend>{t.t('severalContacts')}</legend>
          {call.contacts.map((c) => (
            <label key={c.contactPersonId}>
              <input type="radio" name={`contact-${popup.key}`} checked={popup.contactPersonId === c.contactPersonId} onChange={() => { pickContact(popup.key, c.contactPersonId); }} />
              {c.name}{c.partner !== null && ` · ${c.partner.name}`}
            </label>
          ))}
        </fieldset>
      )}
      {chosen !== undefined && (
        <div className="contact" data-testid="popup-contact">
          <div><span className="label">{t.t('contactPerson')}</span> <strong>{chosen.name}</strong>{chosen.position !== null && ` (${chosen.position})`}</div>
          <PhoneList phones={chosen.phones} except={call.remoteNumber} />
          {chosen.partner !== null && <PartnerFacts partner={chosen.partner} />}
        </div>
      )}
      {call.contacts.length === 0 && call.remoteNumber !== null && <UnknownNumber popup={popup} />}

      <label className="note">{t.t('note')}
        <textarea name="note" rows={3} value={popup.note} onChange={(e) => { setNote(popup.key, e.target.value); }} data-testid="popup-note" />
      </label>
      <div className="actions">
        <button type="button" className="primary" disabled={popup.busy} onClick={() => void saveActivity(popup.key)} data-testid="save-activity">{t.t('saveActivity')}</button>
        {popup.activityId !== null && <span className="ok" data-testid="activity-saved">{t.t('activitySaved')}</span>}
        {popup.ended === 'missed' && call.remoteNumber !== null && (
          <button type="button" onClick={() => void dial(call.remoteNumber ?? '')} data-testid="popup-call-back">{t.t('callBack')}</button>
        )}
      </div>
      {popup.activityId !== null && <FollowUpTask popup={popup} />}
    </article>
  );
}

function FollowUpTask({ popup }: { readonly popup: Popup }): JSX.Element {
  const t = useT();
  const [subject, setSubject] = useState('');
  const [due, setDue] = useState('');
  if (popup.taskCreated) return <p className="ok" data-testid="task-created">{t.t('taskCreated')}</p>;
  return (
    <form className="task" onSubmit={(e) => {
      e.preventDefault();
      if (subject.trim() !== '') void createTask(popup.key, subject.trim(), due);
    }}>
      <span className="label">{t.t('followUpTask')}</span>
      <input name="task" placeholder={t.t('taskSubject')} value={subject} onChange={(e) => { setSubject(e.target.value); }} />
      <input name="due" type="date" aria-label={t.t('dueDate')} value={due} onChange={(e) => { setDue(e.target.value); }} />
      <button type="submit">{t.t('createTask')}</button>
    </form>
  );
}
