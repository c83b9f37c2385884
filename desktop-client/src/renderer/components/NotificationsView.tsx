import type { JSX } from 'react';
import { markAllSeen, openCall } from '../actions.js';
import { useDesk } from '../store.js';
import { useT } from './useT.js';

export function NotificationsView(): JSX.Element {
  const t = useT();
  const notifications = useDesk((s) => s.notifications);
  return (
    <section className="notifications">
      <button type="button" onClick={() => void markAllSeen()}>{t.t('markAllSeen')}</button>
      {notifications.length === 0 ? <p className="muted">{t.t('noNotifications')}</p> : (
        <ul>
          {notifications.map((n) => (
            <li key={n.id} className={n.seenAt === null ? 'unseen' : ''} data-testid="notification">
              <span>{t.dateTime(n.createdAt)} · {t.t('missedCall')} · {n.remoteNumber ?? n.message}</span>
              <button type="button" onClick={() => { openCall(n.callHistoryId); }}>{t.t('openCall')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
