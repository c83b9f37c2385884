import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { cleanNumber, normalizeStored, type DialRules } from '../phone/phoneNumbers.js';

/**
 * What click-to-dial may dial (pure): a number people typed or clicked,
 * checked and turned into the digits the exchange dials from an internal
 * phone. An internal line is dialled as it is; an outside number gets the
 * exchange's outside-line prefix, and the national or international form
 * its country needs. Numbers starting with a denied prefix (premium-rate
 * ranges, say) are refused.
 */
export type DialDecision =
  | { readonly ok: true; readonly dialled: string; readonly e164: string | null }
  | { readonly ok: false; readonly code: 'DIAL_INVALID' | 'DIAL_DENIED'; readonly message: string };

export interface DialPolicy {
  readonly rules: DialRules;
  /** The exchange's lines: a number equal to one of them is an internal call. */
  readonly lines: ReadonlySet<string>;
  /** E.164 prefixes (`+420900`) that may not be dialled. */
  readonly denyPrefixes: readonly string[];
}

const MIN_DIGITS = 3;
const MAX_DIGITS = 17;

export function decideDial(typed: string, policy: DialPolicy): DialDecision {
  const cleaned = cleanNumber(typed.trim());
  if (cleaned === undefined) return invalid(`'${typed.slice(0, 40)}' has characters a phone number cannot have`);
  const digits = cleaned.replace('+', '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return invalid(`a phone number has ${MIN_DIGITS}–${MAX_DIGITS} digits, this one ${digits.length}`);
  if (!cleaned.startsWith('+') && policy.lines.has(cleaned)) return { ok: true, dialled: cleaned, e164: null };

  const normalized = normalizeStored(cleaned, policy.rules);
  if (!normalized.ok) return invalid(`'${typed.slice(0, 40)}' is not a phone number that can be dialled`);
  const e164 = normalized.e164;
  const denied = policy.denyPrefixes.find((prefix) => e164.startsWith(prefix));
  if (denied !== undefined) return { ok: false, code: 'DIAL_DENIED', message: `numbers starting ${denied} may not be dialled from the desk` };
  return { ok: true, dialled: policy.rules.outsideLinePrefix + dialForm(e164, policy.rules), e164 };
}

/** Home-country numbers in national form (with the trunk prefix where the country has one), others with the international prefix. */
function dialForm(e164: string, rules: DialRules): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed !== undefined && parsed.country === rules.country.toUpperCase()) return parsed.formatNational().replace(/\D/g, '');
  return rules.internationalPrefix + e164.slice(1);
}

function invalid(message: string): DialDecision {
  return { ok: false, code: 'DIAL_INVALID', message };
}

