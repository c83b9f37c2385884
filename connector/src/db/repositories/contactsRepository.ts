import { normalizeStored, type DialRules } from '../../phone/phoneNumbers.js';
import type { Database } from '../database.js';
import { toDateOrNull, toNumber } from '../sqlValues.js';

export interface ContactMatch {
  readonly contactPersonId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly position: string | null;
  readonly partnerId: number | null;
  readonly partnerAbbr: string | null;
  readonly partnerName: string | null;
  readonly partnerBalance: number | null;
  readonly partnerCurrency: string | null;
  readonly partnerLastCommunication: Date | null;
  /** The electronic-address type the number was found under, e.g. TELCC. */
  readonly addressType: string;
  /** The number as it is written on the contact. */
  readonly addressValue: string;
}

/**
 * Every contact person holding this E.164 number under one of the given
 * address types, with their partner; several matches are all returned.
 */
export async function findContactsByE164(
  database: Database,
  e164: string,
  addressTypes: readonly string[],
): Promise<ContactMatch[]> {
  if (addressTypes.length === 0) return [];
  const rows = await database.db
    .selectFrom('electronic_addresses as ea')
    .innerJoin('contact_persons as cp', 'cp.id', 'ea.contact_person_id')
    .leftJoin('partners as p', 'p.id', 'cp.partner_id')
    .select([
      'cp.id as contact_person_id',
      'cp.first_name',
      'cp.last_name',
      'cp.position',
      'p.id as partner_id',
      'p.abbr as partner_abbr',
      'p.name as partner_name',
      'p.balance as partner_balance',
      'p.currency as partner_currency',
      'p.last_communication_at as partner_last_communication',
      'ea.address_type',
      'ea.value',
    ])
    .where('ea.number_e164', '=', e164)
    .where('ea.address_type', 'in', addressTypes)
    .orderBy('cp.id')
    .execute();

  // One contact may hold the same number twice (say as TELCC and under a second type): offer it once.
  const seen = new Set<number>();
  const matches: ContactMatch[] = [];
  for (const r of rows) {
    if (seen.has(r.contact_person_id)) continue;
    seen.add(r.contact_person_id);
    matches.push({
      contactPersonId: r.contact_person_id,
      firstName: r.first_name,
      lastName: r.last_name,
      position: r.position,
      partnerId: r.partner_id,
      partnerAbbr: r.partner_abbr,
      partnerName: r.partner_name,
      partnerBalance: r.partner_balance === null ? null : toNumber(r.partner_balance),
      partnerCurrency: r.partner_currency,
      partnerLastCommunication: toDateOrNull(r.partner_last_communication),
      addressType: r.address_type,
      addressValue: r.value,
    });
  }
  return matches;
}

/** A number as a person types it (any spacing, `/`, `-`, brackets, national or international form). */
export async function findContactsByNumber(
  database: Database,
  typedNumber: string,
  rules: Pick<DialRules, 'country' | 'internationalPrefix'>,
  addressTypes: readonly string[],
): Promise<ContactMatch[]> {
  const normalized = normalizeStored(typedNumber, rules);
  if (!normalized.ok) return [];
  return findContactsByE164(database, normalized.e164, addressTypes);
}
