import { parsePhoneNumberFromString, type CountryCode, isSupportedCountry } from 'libphonenumber-js/max';

/**
 * Phone-number rules (pure): what people type and what phones dial, read as
 * E.164 with the exchange's country and dialling prefixes.
 */
export interface DialRules {
  /** ISO 3166 country of the exchange, e.g. `CZ`. */
  readonly country: string;
  /** Digits an internal phone dials before an outside number, e.g. `0`; `''` if none. */
  readonly outsideLinePrefix: string;
  /** The international dialling prefix, e.g. `00`. */
  readonly internationalPrefix: string;
}

export type NormalizedNumber =
  | { readonly ok: true; readonly e164: string }
  | { readonly ok: false; readonly reason: 'empty' | 'bad-characters' | 'not-a-number' };

const SEPARATORS = /[\s\u00a0\u2007\u202f/\-().]/g;
const CLEAN = /^\+?\d+$/;

/** Strips the separators people type; `undefined` when anything but digits and a leading `+` remains. */
export function cleanNumber(raw: string): string | undefined {
  const cleaned = raw.replace(SEPARATORS, '');
  return CLEAN.test(cleaned) ? cleaned : undefined;
}

/**
 * A number as dialled from an internal phone: a leading `+`; the international
 * prefix, with or without the outside-line prefix before it; the outside-line
 * prefix followed by a national number; a national number — in that order,
 * the first reading that gives a valid number wins, else the first possible one.
 */
export function normalizeDialled(raw: string, rules: DialRules): NormalizedNumber {
  const readings = candidateReadings(raw, rules, true);
  return readings.ok ? pick(readings.candidates, rules.country) : readings;
}

/**
 * A number as stored on a contact (what people type into an address book):
 * `+`, the international prefix, or a national number. An outside-line
 * prefix makes no sense there and is not stripped.
 */
export function normalizeStored(raw: string, rules: Pick<DialRules, 'country' | 'internationalPrefix'>): NormalizedNumber {
  const readings = candidateReadings(raw, { ...rules, outsideLinePrefix: '' }, false);
  return readings.ok ? pick(readings.candidates, rules.country) : readings;
}

interface Candidate {
  /** `+…` for an international reading, else national digits. */
  readonly text: string;
}

type Readings =
  | { readonly ok: true; readonly candidates: readonly Candidate[] }
  | { readonly ok: false; readonly reason: 'empty' | 'bad-characters' };

function candidateReadings(raw: string, rules: DialRules, dialled: boolean): Readings {
  if (raw.trim() === '') return { ok: false, reason: 'empty' };
  const digits = cleanNumber(raw);
  if (digits === undefined) return { ok: false, reason: 'bad-characters' };
  if (digits.startsWith('+')) return { ok: true, candidates: [{ text: digits }] };

  const out = rules.outsideLinePrefix;
  const idd = rules.internationalPrefix;
  const candidates: Candidate[] = [];
  if (idd !== '' && digits.startsWith(idd)) candidates.push({ text: `+${digits.slice(idd.length)}` });
  if (dialled && out !== '' && idd !== '' && digits.startsWith(out + idd)) {
    candidates.push({ text: `+${digits.slice(out.length + idd.length)}` });
  }
  if (dialled && out !== '' && digits.startsWith(out)) candidates.push({ text: digits.slice(out.length) });
  candidates.push({ text: digits });
  return { ok: true, candidates };
}

function pick(candidates: readonly Candidate[], country: string): NormalizedNumber {
  const region = toCountryCode(country);
  let possible: string | undefined;
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate.text, region === undefined ? {} : { defaultCountry: region });
    if (parsed === undefined) continue;
    if (parsed.isValid()) return { ok: true, e164: parsed.number };
    if (possible === undefined && parsed.isPossible()) possible = parsed.number;
  }
  return possible === undefined ? { ok: false, reason: 'not-a-number' } : { ok: true, e164: possible };
}

function toCountryCode(country: string): CountryCode | undefined {
  const upper = country.toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

/** `+420601234567` → `+420 601 234 567`, for people; unknown numbers as they are. */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
