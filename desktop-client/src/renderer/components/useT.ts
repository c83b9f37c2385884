import { useMemo } from 'react';
import { translator, type Translator } from '../../common/i18n.js';
import { useDesk } from '../store.js';

/** The translator for the language the user chose. */
export function useT(): Translator {
  const language = useDesk((s) => s.language);
  return useMemo(() => translator(language), [language]);
}
