import type { JSX } from 'react';
import { showView } from '../actions.js';
import { useDesk, type View } from '../store.js';
import { useT } from './useT.js';

export function Tabs(): JSX.Element {
  const t = useT();
  const view = useDesk((s) => s.view);
  const unseen = useDesk((s) => s.notifications.filter((n) => n.seenAt === null).length);
  const tabs: readonly [View, string][] = [['calls', t.t('calls')], ['contacts', t.t('contacts')], ['charts', t.t('charts')], ['notifications', `${t.t('notifications')}${unseen > 0 ? ` (${unseen})` : ''}`]];
  return (
    <nav className="tabs" role="tablist">
      {tabs.map(([id, label]) => (
        <button key={id} type="button" role="tab" aria-selected={view === id} data-testid={`tab-${id}`} onClick={() => { showView(id); }}>{label}</button>
      ))}
    </nav>
  );
}
