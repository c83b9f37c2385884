import type { Database } from '../db/database.js';
import { toDate } from '../db/sqlValues.js';
import { ContactIndex, type IndexedAddress } from './contactIndex.js';

/** How far the index has read: the newest change it has seen in each book. */
export interface IndexCursor {
  addresses: Date;
  contacts: Date;
}

/**
 * The contact index from the database, and kept current without a full
 * reload: changed rows are found by the last-modified columns
 * (electronic_addresses.updated_at, contact_persons.updated_at, which every
 * writer sets), deleted addresses by comparing the count of indexable rows
 * with the index and, only when they differ, re-reading the ids.
 */
export async function loadContactIndex(database: Database, matchTypes: readonly string[]): Promise<{ index: ContactIndex; cursor: IndexCursor }> {
  const index = new ContactIndex(new Set(matchTypes));
  const cursor: IndexCursor = { addresses: new Date(0), contacts: new Date(0) };
  for (const row of await readAddresses(database, matchTypes, undefined)) {
    index.upsert(row.address);
    if (row.updatedAt > cursor.addresses) cursor.addresses = row.updatedAt;
  }
  const newestContact = await database.db.selectFrom('contact_persons').select((eb) => eb.fn.max<string | Date>('updated_at').as('newest')).executeTakeFirst();
  if (newestContact?.newest != null) cursor.contacts = toDate(newestContact.newest);
  return { index, cursor };
}

export interface RefreshResult {
  /** Addresses, contacts and deletions applied. */
  readonly changes: number;
  /** Numbers that a changed address now holds: their earlier calls may get a contact. */
  readonly numbers: readonly string[];
}

/** Applies what changed since the cursor. */
export async function refreshContactIndex(database: Database, index: ContactIndex, cursor: IndexCursor, matchTypes: readonly string[]): Promise<RefreshResult> {
  const changed = await readAddresses(database, matchTypes, cursor.addresses);
  const numbers = new Set<string>();
  for (const row of changed) {
    index.upsert(row.address);
    if (row.address.e164 !== null && matchTypes.includes(row.address.addressType)) numbers.add(row.address.e164);
    if (row.updatedAt > cursor.addresses) cursor.addresses = row.updatedAt;
  }
  const contacts = await database.db
    .selectFrom('contact_persons')
    .select(['id', 'partner_id', 'updated_at'])
    .where('updated_at', '>', database.dialect.encodeTime(cursor.contacts))
    .execute();
  for (const contact of contacts) {
    index.movePartner(contact.id, contact.partner_id);
    const at = toDate(contact.updated_at);
    if (at > cursor.contacts) cursor.contacts = at;
  }
  const count = await database.db
    .selectFrom('electronic_addresses')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('address_type', 'in', matchTypes.length === 0 ? [''] : matchTypes)
    .where('number_e164', 'is not', null)
    .executeTakeFirstOrThrow();
  let removed = 0;
  if (Number(count.n) !== index.size) {
    const present = new Set((await database.db.selectFrom('electronic_addresses').select('id').execute()).map((r) => r.id));
    for (const id of [...index.addressIds()]) {
      if (!present.has(id)) {
        index.remove(id);
        removed++;
      }
    }
  }
  return { changes: changed.length + contacts.length + removed, numbers: [...numbers] };
}

async function readAddresses(database: Database, matchTypes: readonly string[], since: Date | undefined): Promise<{ address: IndexedAddress; updatedAt: Date }[]> {
  let query = database.db
    .selectFrom('electronic_addresses as ea')
    .innerJoin('contact_persons as cp', 'cp.id', 'ea.contact_person_id')
    .select(['ea.id', 'ea.contact_person_id', 'cp.partner_id', 'ea.address_type', 'ea.number_e164', 'ea.updated_at']);
  // A first load reads only what can match; a refresh reads every change, so an address that changed its type leaves.
  if (since === undefined) query = query.where('ea.address_type', 'in', matchTypes.length === 0 ? [''] : matchTypes);
  else query = query.where('ea.updated_at', '>', database.dialect.encodeTime(since));
  const rows = await query.execute();
  return rows.map((r) => ({
    address: { addressId: r.id, contactPersonId: r.contact_person_id, partnerId: r.partner_id, addressType: r.address_type, e164: r.number_e164 },
    updatedAt: toDate(r.updated_at),
  }));
}
