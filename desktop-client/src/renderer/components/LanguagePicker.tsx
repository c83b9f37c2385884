import type { JSX } from 'react';
import { DESK_LANGUAGES } from '@cc/protocol';
import { setLanguage } from '../actions.js';
import { useDesk } from '../store.js';
import { useT } from './useT.js';

const NAMES = { cs: 'Čeština', en: 'English', pl: 'Polski' } as const;

export function LanguagePicker(): JSX.Element {
  const language = useDesk((s) => s.language);
  const t = useT();
  return (
    <label className="language">
      {t.t('language')}{' '}
      <select name="language" value={language} onChange={(e) => {
        const next = DESK_LANGUAGES.find((l) => l === e.target.value);
        if (next !== undefined) void setLanguage(next);
      }}>
        {DESK_LANGUAGES.map((l) => <option key={l} value={l}>{NAMES[l]}</option>)}
      </select>
    </label>
  );
}
