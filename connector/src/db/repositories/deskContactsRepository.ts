import type { ContactCard, ContactPhone, PartnerFacts, RecentCall } from '@cc/protocol';
import { sql, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import { ConnectorError } from '../../errors.js';
import type { ErpDatabase } from '../schema.js';
import type { Database } from '../database.js';
import { toDate, toDateOrNull, toNumber } from '../sqlValues.js';
import { findContactsByE164 } from './contactsRepository.js';
import { insertReturningId } from '../insertReturningId.js';

const RECENT_CALLS = 5;
const SEARCH_LIMIT = 20;

/** The pop-up's cards for a number: every contact holding it, with partner facts and the last calls with that partner. */
export async function contactCardsForNumber(database: Database, e164: string, addressTypes: readonly string[]): Promise<ContactCard[]> {
  const matches = await findContactsByE164(database, e164, addressTypes);
  const facts = await partnerFacts(database, [...new Set(matches.flatMap((m) => (m.partnerId === null ? [] : [m.partnerId])))]);
  const phones = await phonesOf(database, matches.map((m) => m.contactPersonId));
  return matches.map((m) => ({
    contactPersonId: m.contactPersonId,
    name: `${m.firstName} ${m.lastName}`.trim(),
    position: m.position,
    addressType: m.addressType,
    partner: m.partnerId === null ? null : (facts.get(m.partnerId) ?? null),
    phones: phones.get(m.contactPersonId) ?? [],
  }));
}

export async function contactCard(database: Database, contactPersonId: number): Promise<ContactCard | undefined> {
  const row = await database.db
    .selectFrom('contact_persons').select(['id', 'first_name', 'last_name', 'position', 'partner_id'])
    .where('id', '=', contactPersonId).executeTakeFirst();
  if (row === undefined) return undefined;
  const facts = row.partner_id === null ? new Map<number, PartnerFacts>() : await partnerFacts(database, [row.partner_id]);
  const phones = await phonesOf(database, [row.id]);
  return {
    contactPersonId: row.id, name: `${row.first_name} ${row.last_name}`.trim(), position: row.position, addressType: null,
    partner: row.partner_id === null ? null : (facts.get(row.partner_id) ?? null),
    phones: phones.get(row.id) ?? [],
  };
}

async function partnerFacts(database: Database, partnerIds: readonly number[]): Promise<Map<number, PartnerFacts>> {
  const facts = new Map<number, PartnerFacts>();
  if (partnerIds.length === 0) return facts;
  const partners = await database.db
    .selectFrom('partners').select(['id', 'abbr', 'name', 'balance', 'currency', 'last_communication_at'])
    .where('id', 'in', partnerIds).execute();
  for (const p of partners) {
    const calls = await database.dialect.page(
      database.db
        .selectFrom('call_history as ch').leftJoin('users as u', 'u.id', 'ch.responsible_user_id')
        .select(['ch.id', 'ch.call_type', 'ch.started_at', 'ch.talk_seconds', 'u.full_name'])
        .where('ch.partner_id', '=', p.id)
        .orderBy('ch.started_at', 'desc').orderBy('ch.id', 'desc'),
      RECENT_CALLS, 0,
    ).execute();
    const recentCalls: RecentCall[] = calls.map((c) => ({
      callHistoryId: c.id, type: c.call_type, startedAt: toDate(c.started_at).toISOString(),
      talkSeconds: toNumber(c.talk_seconds), userName: c.full_name,
    }));
    facts.set(p.id, {
      id: p.id, abbr: p.abbr, name: p.name, balance: toNumber(p.balance), currency: p.currency,
      lastCommunicationAt: toDateOrNull(p.last_communication_at)?.toISOString() ?? null, recentCalls,
    });
  }
  return facts;
}

/** Every address with a phone number, per contact person, in the order they were written. */
async function phonesOf(database: Database, contactPersonIds: readonly number[]): Promise<Map<number, ContactPhone[]>> {
  const phones = new Map<number, ContactPhone[]>();
  if (contactPersonIds.length === 0) return phones;
  const rows = await database.db.selectFrom('electronic_addresses').select(['contact_person_id', 'address_type', 'value', 'number_e164'])
    .where('contact_person_id', 'in', [...new Set(contactPersonIds)]).where('number_e164', 'is not', null).orderBy('id').execute();
  for (const r of rows) {
    if (r.number_e164 === null) continue;
    const list = phones.get(r.contact_person_id) ?? [];
    list.push({ type: r.address_type, value: r.value.trim(), e164: r.number_e164 });
    phones.set(r.contact_person_id, list);
  }
  return phones;
}

/** Search as you type: contact persons whose name or partner starts with (or contains) the text. */
export async function searchContacts(database: Database, query: string): Promise<ContactCard[]> {
  const like = `%${escapeLike(query.trim())}%`;
  const rows = await database.dialect.page(
    database.db
      .selectFrom('contact_persons as cp').leftJoin('partners as p', 'p.id', 'cp.partner_id')
      .select(['cp.id', 'cp.first_name', 'cp.last_name', 'cp.position', 'cp.partner_id', 'p.abbr', 'p.name as partner_name', 'p.balance', 'p.currency', 'p.last_communication_at'])
      .where((eb) => eb.or([likeText('cp.last_name', like), likeText('cp.first_name', like), likeText('p.name', like), likeText('p.abbr', like)]))
      .orderBy('cp.last_name').orderBy('cp.first_name').orderBy('cp.id'),
    SEARCH_LIMIT, 0,
  ).execute();
  const phones = await phonesOf(database, rows.map((r) => r.id));
  return rows.map((r) => ({
    contactPersonId: r.id, name: `${r.first_name} ${r.last_name}`.trim(), position: r.position, addressType: null, phones: phones.get(r.id) ?? [],
    partner: r.partner_id === null || r.abbr === null || r.partner_name === null ? null : {
      id: r.partner_id, abbr: r.abbr, name: r.partner_name, balance: toNumber(r.balance ?? 0), currency: r.currency ?? 'CZK',
      lastCommunicationAt: toDateOrNull(r.last_communication_at)?.toISOString() ?? null, recentCalls: [],
    },
  }));
}

export async function searchPartners(database: Database, query: string): Promise<{ id: number; abbr: string; name: string }[]> {
  const like = `%${escapeLike(query.trim())}%`;
  return database.dialect.page(
    database.db.selectFrom('partners').select(['id', 'abbr', 'name'])
      .where((eb) => eb.or([likeText('name', like), likeText('abbr', like)]))
      .orderBy('name').orderBy('id'),
    SEARCH_LIMIT, 0,
  ).execute();
}

/** Gives a contact person the number as a contact-center address (TELCC), unless they hold it already. */
export async function addContactNumber(database: Database, contactPersonId: number, addressType: string, display: string, e164: string, now: Date): Promise<void> {
  const time = database.dialect.encodeTime(now);
  await database.db.transaction().execute(async (trx) => {
    const contact = await trx.selectFrom('contact_persons').select('id').where('id', '=', contactPersonId).executeTakeFirst();
    if (contact === undefined) throw new ConnectorError('NOT_FOUND', `contact person ${contactPersonId} does not exist`);
    const existing = await trx.selectFrom('electronic_addresses').select('id')
      .where('contact_person_id', '=', contactPersonId).where('address_type', '=', addressType).where('number_e164', '=', e164).executeTakeFirst();
    if (existing !== undefined) return;
    await trx.insertInto('electronic_addresses').values({ contact_person_id: contactPersonId, address_type: addressType, value: display, number_e164: e164, updated_at: time }).execute();
    await trx.updateTable('contact_persons').set({ updated_at: time }).where('id', '=', contactPersonId).execute();
  });
}

export interface NewNumber {
  readonly addressType: string;
  readonly display: string;
  readonly e164: string;
}

export interface NewContact {
  readonly firstName: string;
  readonly lastName: string;
  readonly partner: { readonly id: number } | { readonly newName: string } | null;
}

/** A new contact person holding a number (and, if asked, a new partner), in one transaction; returns the contact's id. */
export async function createContact(database: Database, contact: NewContact, number: NewNumber, now: Date): Promise<number> {
  const time = database.dialect.encodeTime(now);
  return database.db.transaction().execute(async (trx) => {
    let partnerId: number | null = null;
    if (contact.partner !== null && 'id' in contact.partner) {
      const partner = await trx.selectFrom('partners').select('id').where('id', '=', contact.partner.id).executeTakeFirst();
      if (partner === undefined) throw new ConnectorError('NOT_FOUND', `partner ${contact.partner.id} does not exist`);
      partnerId = partner.id;
    } else if (contact.partner !== null) {
      const name = contact.partner.newName.trim();
      const abbr = await freeAbbr(trx, name);
      partnerId = await insertReturningId(database, trx, 'partners', { abbr, name });
    }
    const id = await insertReturningId(database, trx, 'contact_persons', { partner_id: partnerId, first_name: contact.firstName.trim(), last_name: contact.lastName.trim(), updated_at: time });
    // The number in the same transaction: a contact person is never left without the number it was made for.
    await trx.insertInto('electronic_addresses').values({ contact_person_id: id, address_type: number.addressType, value: number.display, number_e164: number.e164, updated_at: time }).execute();
    return id;
  });
}

type Trx = Transaction<ErpDatabase>;

/** A partner abbreviation from the name (upper-case letters and digits), made unique with a number. */
async function freeAbbr(trx: Trx, name: string): Promise<string> {
  const base = name.normalize('NFD').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase().slice(0, 10) || 'PARTNER';
  for (let n = 0; n < 1000; n += 1) {
    const abbr = n === 0 ? base : `${base.slice(0, 16)}${n}`;
    const taken = await trx.selectFrom('partners').select('id').where('abbr', '=', abbr).executeTakeFirst();
    if (taken === undefined) return abbr;
  }
  throw new ConnectorError('INVALID_INPUT', `no free partner abbreviation for '${name}'`);
}

/** `%`, `_` and the escape character itself match literally: `\` escapes them, said with ESCAPE, which both dialects read alike. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function likeText(column: string, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}
