import { useState, type JSX, type SyntheticEvent } from 'react';
import { login } from '../actions.js';
import { useDesk } from '../store.js';
import { LanguagePicker } from './LanguagePicker.js';
import { useT } from './useT.js';

export function LoginView(): JSX.Element {
  const t = useT();
  const error = useDesk((s) => s.loginError);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setBusy(true);
    void login(user, password).finally(() => {
      setBusy(false);
    });
  };
  return (
    <form className="login" onSubmit={submit}>
      <h1>{t.t('appTitle')}</h1>
      <label>{t.t('userName')}<input name="user" autoComplete="username" value={user} onChange={(e) => { setUser(e.target.value); }} required /></label>
      <label>{t.t('password')}<input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => { setPassword(e.target.value); }} required /></label>
      {error !== null && <p className="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>{t.t('login')}</button>
      <LanguagePicker />
    </form>
  );
}
