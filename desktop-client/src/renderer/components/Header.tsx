import type { JSX } from 'react';
import { connect, currentState, disconnect, logout } from '../actions.js';
import { useDesk } from '../store.js';
import { LanguagePicker } from './LanguagePicker.js';
import { useT } from './useT.js';

/** The user, the lines, the contact-center state (green / white / orange, the reason on hover) and Connect / Disconnect. */
export function Header(): JSX.Element {
  const t = useT();
  const session = useDesk((s) => s.session);
  const lines = useDesk((s) => s.lines);
  const wants = useDesk((s) => s.wantsConnected);
  // Re-rendered whenever what the state depends on changes.
  useDesk((s) => s.health);
  useDesk((s) => s.link);
  useDesk((s) => s.connected);
  const state = currentState();
  return (
    <header className="header">
      <span className={`state state-${state.colour}`} title={state.reason} data-testid="cc-state" data-colour={state.colour} aria-label={state.reason} />
      <strong>{t.t('appTitle')}</strong>
      <span className="who">{session?.user.fullName}{lines.length > 0 && ` · ${t.t('line')} ${lines.map((l) => l.line).join(', ')}`}</span>
      {wants
        ? <button type="button" onClick={() => void disconnect()}>{t.t('disconnect')}</button>
        : <button type="button" className="primary" onClick={() => void connect()}>{t.t('connect')}</button>}
      <LanguagePicker />
      <button type="button" onClick={() => void logout()}>{t.t('logout')}</button>
    </header>
  );
}
