import { formatInternational } from '../phone/phoneNumbers.js';

/**
 * The text of a missed-call notification as the ERP's notifications book
 * keeps it, in the language of the user it is for (pure). An outside number
 * is written as people read it; an extension as it is.
 */
const TEXT = {
  cs: (from: string) => `Zmeškaný hovor od ${from}`,
  en: (from: string) => `Missed call from ${from}`,
  pl: (from: string) => `Nieodebrane połączenie od ${from}`,
} as const;

export function missedCallText(language: string, callerNumber: string): string {
  const say = language === 'en' || language === 'pl' || language === 'cs' ? TEXT[language] : TEXT.cs;
  return say(callerNumber.startsWith('+') ? formatInternational(callerNumber) : callerNumber);
}
