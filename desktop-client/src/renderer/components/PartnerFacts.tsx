import type { JSX } from 'react';
import type { PartnerFacts as Facts } from '@cc/protocol';
import { useT } from './useT.js';

/** The partner behind the contact: balance, last communication and the last calls with it. */
export function PartnerFacts({ partner }: { readonly partner: Facts }): JSX.Element {
  const t = useT();
  return (
    <div className="partner" data-testid="popup-partner">
      <div><span className="label">{t.t('partner')}</span> <strong>{partner.name}</strong> ({partner.abbr})</div>
      <div><span className="label">{t.t('balance')}</span> <span className={partner.balance < 0 ? 'negative' : ''}>{t.money(partner.balance, partner.currency)}</span></div>
      <div><span className="label">{t.t('lastCommunication')}</span> {partner.lastCommunicationAt === null ? '—' : t.dateTime(partner.lastCommunicationAt)}</div>
      <div className="label">{t.t('recentCalls')}</div>
      {partner.recentCalls.length === 0
        ? <div className="muted">{t.t('noRecentCalls')}</div>
        : (
          <ul className="recent">
            {partner.recentCalls.map((c) => (
              <li key={c.callHistoryId}>{t.dateTime(c.startedAt)} · {t.callType(c.type)} · {t.duration(c.talkSeconds)}{c.userName !== null && ` · ${c.userName}`}</li>
            ))}
          </ul>
        )}
    </div>
  );
}
