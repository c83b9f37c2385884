import type { JSX, SyntheticEvent } from 'react';
import { dial, setDialNumber } from '../actions.js';
import { useDesk } from '../store.js';
import { useT } from './useT.js';

/** Click-to-dial by typing (tel: links and "call back" land here too). */
export function DialBox(): JSX.Element {
  const t = useT();
  const number = useDesk((s) => s.dialNumber);
  const status = useDesk((s) => s.dialStatus);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (number.trim() !== '') void dial(number.trim());
  };
  return (
    <form className="dialbox" onSubmit={submit}>
      <input name="dial" type="tel" placeholder={t.t('dialNumber')} aria-label={t.t('dialNumber')} value={number} onChange={(e) => { setDialNumber(e.target.value); }} />
      <button type="submit">{t.t('dial')}</button>
      {status !== null && <span className={status.ok ? 'ok' : 'error'} data-testid="dial-status">{status.text}</span>}
    </form>
  );
}
