/**
 * The number in a click-to-dial link (pure): `tel:+420 601 234 567`,
 * `tel:+420-601-234-567;ext=12`, `callto:+420601234567`, `callto://0601234567`,
 * percent-encoded or not. Only the characters a phone number has survive;
 * anything else in the number makes the link invalid.
 */
export type TelLink = { readonly ok: true; readonly number: string } | { readonly ok: false; readonly reason: string };

export function parseTelLink(url: string): TelLink {
  const match = /^(tel|callto|sip):(\/\/)?(.*)$/i.exec(url.trim());
  if (match === null) return { ok: false, reason: 'not a tel: or callto: link' };
  let rest: string;
  try {
    rest = decodeURIComponent(match[3] ?? '');
  } catch {
    return { ok: false, reason: 'the link is not valid percent-encoding' };
  }
  // Parameters (;ext=, ;phone-context=) and a query or fragment are not part of what is dialled.
  const number = (rest.split(/[;?#]/)[0] ?? '').trim();
  if (match[1]?.toLowerCase() === 'sip') {
    const user = number.split('@')[0] ?? '';
    return /^\+?[\d\s().\-/]{3,30}$/.test(user) ? { ok: true, number: user } : { ok: false, reason: 'the sip: link holds no phone number' };
  }
  if (!/^\+?[\d\s().\-/]{3,30}$/.test(number)) return { ok: false, reason: `'${number.slice(0, 30)}' is not a phone number` };
  return { ok: true, number };
}
