import { createHash } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { validateCallHistoryRecord, type CallHistoryRecord } from '../db/repositories/callHistoryRecord.js';
import { callHistoryRow } from '../db/repositories/callHistoryRepository.js';
import type { CallHistoryTable, ErpDatabase } from '../db/schema.js';
import { insertReturningId } from '../db/insertReturningId.js';
import { fromBool } from '../db/sqlValues.js';
import { ConnectorError } from '../errors.js';
import { normalizeStored } from '../phone/phoneNumbers.js';
import { hashPassword } from '../desk/passwords.js';
import { buildDemoDataset, demoPassword, DEMO_ADDRESS_TYPES, DEMO_EPOCH, DEMO_EXCHANGE, DEMO_NUMBER_RULE } from './demoData.js';
import { generateHistory, type HistoryContext } from './historyGenerator.js';

export interface SeedSummary {
  readonly partners: number;
  readonly contacts: number;
  readonly addresses: number;
  readonly users: number;
  readonly lines: number;
  readonly historyRows: number;
}

type Trx = Transaction<ErpDatabase>;

/** The books the demo data fills; any row in any of them makes the database "not empty". */
const SEEDED_BOOKS = ['users', 'partners', 'contact_persons', 'electronic_addresses', 'electronic_address_types', 'cc_settings',
  'exchanges', 'exchange_number_rules', 'lines', 'call_history'] as const;

/** Whether the ERP books hold anything yet. */
export async function isDatabaseEmpty(database: Database | { db: Trx }): Promise<boolean> {
  for (const book of SEEDED_BOOKS) {
    const row = await database.db.selectFrom(book).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    if (Number(row?.n ?? 0) > 0) return false;
  }
  return true;
}

/**
 * Fills an empty database with the demo data (the same on every run) and,
 * with `historyCalls`, that many past calls in the 18 months before `until`.
 * All or nothing: one transaction.
 */
export async function seedDemoData(
  database: Database,
  options: { readonly historyCalls: number; readonly until: Date },
): Promise<SeedSummary> {
  const data = buildDemoDataset();
  const time = (d: Date): string => database.dialect.encodeTime(d);
  const stamp = time(DEMO_EPOCH);
  const rules = { country: DEMO_EXCHANGE.countryCode, internationalPrefix: DEMO_EXCHANGE.internationalPrefix };

  // Hashing is slow on purpose: done before the transaction, all at once.
  const hashes = await Promise.all(data.users.map((u) => (u.role === 'service' ? Promise.resolve(null) : hashPassword(demoPassword(u.code), createHash('sha256').update(`demo:${u.code}`).digest().subarray(0, 16)))));

  return database.db.transaction().execute(async (trx) => {
    if (!(await isDatabaseEmpty({ db: trx }))) {
      throw new ConnectorError('DB_NOT_EMPTY', 'the database already holds ERP data; demo data goes only into an empty database');
    }
    const insertMany = <T extends keyof ErpDatabase>(table: T, rows: readonly Insertable<ErpDatabase[T]>[]): Promise<void> =>
      insertInChunks(database, trx, table, rows);

    await insertMany('electronic_address_types', DEMO_ADDRESS_TYPES.map((t) => ({ ...t })));
    await insertMany('cc_settings', [{ id: 1, incoming_activity_type: 'TEP', outgoing_activity_type: 'TEV', match_address_types: 'TELCC' }]);

    await insertMany('partners', data.partners.map((p) => ({
      abbr: p.abbr, name: p.name, company_reg_no: p.companyRegNo, city: p.city, country_code: p.countryCode,
      balance: p.balance, currency: p.currency,
      last_communication_at: p.lastCommunicationAt === null ? null : time(p.lastCommunicationAt),
    })));
    // Ids by natural key: neither dialect promises identity order within a multi-row insert.
    const partnerIdByAbbr = new Map((await trx.selectFrom('partners').select(['id', 'abbr']).execute()).map((r) => [r.abbr, r.id]));
    const partnerIds = data.partners.map((p) => partnerIdByAbbr.get(p.abbr) ?? 0);

    // Contact persons have no natural key: one insert each, reading its id back.
    const contactIds: number[] = [];
    for (const c of data.contacts) {
      const row = {
        partner_id: partnerIds[c.partner] ?? null, first_name: c.firstName, last_name: c.lastName,
        title: c.title, position: c.position, updated_at: stamp,
      };
      contactIds.push(await insertReturningId(database, trx, 'contact_persons', row));
    }

    const addresses = data.contacts.flatMap((c, i) =>
      c.addresses.map((a) => {
        const normalized = a.type === 'TELCC' || a.type === 'TEL' ? normalizeStored(a.value, rules) : undefined;
        return {
          contact_person_id: contactIds[i] ?? 0, address_type: a.type, value: a.value,
          number_e164: normalized?.ok === true ? normalized.e164 : null, updated_at: stamp,
        };
      }),
    );
    await insertMany('electronic_addresses', addresses);

    await insertMany('users', data.users.map((u, i) => ({
      code: u.code, full_name: u.fullName, role: u.role, password_hash: hashes[i] ?? null, language: u.language,
      contact_person_id: u.contact === null ? null : (contactIds[u.contact] ?? null), active: 1,
    })));
    const userIdByCode = new Map((await trx.selectFrom('users').select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
    const userIds = data.users.map((u) => userIdByCode.get(u.code) ?? 0);

    await insertMany('exchanges', [{
      id: DEMO_EXCHANGE.id, name: DEMO_EXCHANGE.name, active: 1, country_code: DEMO_EXCHANGE.countryCode,
      recording_url: null, use_web_pbx: 0, outside_line_prefix: DEMO_EXCHANGE.outsideLinePrefix,
      international_prefix: DEMO_EXCHANGE.internationalPrefix, ami_host: DEMO_EXCHANGE.amiHost, ami_port: DEMO_EXCHANGE.amiPort,
      ami_user: DEMO_EXCHANGE.amiUser, ami_password: DEMO_EXCHANGE.amiPassword, default_context: DEMO_EXCHANGE.defaultContext,
      pbx_version: DEMO_EXCHANGE.pbxVersion, web_host: null, web_port: null, timeout_seconds: DEMO_EXCHANGE.timeoutSeconds,
      line_channel_template: DEMO_EXCHANGE.lineChannelTemplate,
    }]);
    await insertMany('exchange_number_rules', [{
      exchange_id: DEMO_EXCHANGE.id, country_prefix: DEMO_NUMBER_RULE.countryPrefix, internal_prefix: DEMO_NUMBER_RULE.internalPrefix,
      extension_pattern: DEMO_NUMBER_RULE.extensionPattern, example_number: DEMO_NUMBER_RULE.exampleNumber,
      example_extension: DEMO_NUMBER_RULE.exampleExtension,
    }]);
    await insertMany('lines', data.lines.map((l) => ({
      exchange_id: DEMO_EXCHANGE.id, line: l.line, user_id: userIds[l.user] ?? null,
      contact_person_id: data.users[l.user]?.contact == null ? null : (contactIds[data.users[l.user]?.contact ?? -1] ?? null),
      phone_number: l.phoneNumber, active: 1, log_calls: fromBool(l.logCalls), auto_close_missed: fromBool(l.autoCloseMissed),
      auto_close_empty: fromBool(l.autoCloseEmpty), auto_connect: fromBool(l.autoConnect), notify_missed: fromBool(l.notifyMissed),
    })));

    let historyRows = 0;
    if (options.historyCalls > 0) {
      const context = historyContext(data, addresses, partnerIds, contactIds, userIds);
      historyRows = await insertHistory(database, trx, generateHistory(context, options.historyCalls, options.until), options.until);
    }
    return {
      partners: partnerIds.length, contacts: contactIds.length, addresses: addresses.length,
      users: userIds.length, lines: data.lines.length, historyRows,
    };
  });
}

function historyContext(
  data: ReturnType<typeof buildDemoDataset>,
  addresses: readonly { contact_person_id: number; address_type: string; number_e164: string | null }[],
  partnerIds: readonly number[],
  contactIds: readonly number[],
  userIds: readonly number[],
): HistoryContext {
  const partnerOfContact = new Map(data.contacts.map((c, i) => [contactIds[i] ?? 0, partnerIds[c.partner] ?? null]));
  const byNumber = new Map<string, { contactPersonId: number; partnerId: number | null }[]>();
  for (const a of addresses) {
    // Outside numbers only: our own company's numbers are not customers calling.
    if (a.address_type !== 'TELCC' || a.number_e164 === null || partnerOfContact.get(a.contact_person_id) === partnerIds[0]) continue;
    const list = byNumber.get(a.number_e164) ?? [];
    list.push({ contactPersonId: a.contact_person_id, partnerId: partnerOfContact.get(a.contact_person_id) ?? null });
    byNumber.set(a.number_e164, list);
  }
  return {
    exchangeId: DEMO_EXCHANGE.id,
    companyNumber: DEMO_EXCHANGE.companyNumber,
    lines: data.lines.filter((l) => l.line !== '000').map((l) => ({ line: l.line, userId: userIds[l.user] ?? 0 })),
    numbers: [...byNumber].map(([e164, contacts]) => ({ e164, contacts })),
  };
}

async function insertHistory(database: Database, trx: Trx, records: Iterable<CallHistoryRecord>, createdAt: Date): Promise<number> {
  const ambiguous: CallHistoryRecord[] = [];
  let batch: Insertable<CallHistoryTable>[] = [];
  let total = 0;
  for (const r of records) {
    validateCallHistoryRecord(r);
    if (r.matches.length > 1) ambiguous.push(r);
    batch.push(callHistoryRow(database.dialect, r, createdAt));
    if (batch.length >= 5_000) {
      await insertInChunks(database, trx, 'call_history', batch);
      total += batch.length;
      batch = [];
    }
  }
  await insertInChunks(database, trx, 'call_history', batch);
  total += batch.length;

  // A number several contacts share: the row keeps no contact, the matches list them all.
  for (const r of ambiguous) {
    const row = await trx
      .selectFrom('call_history')
      .select('id')
      .where('exchange_id', '=', r.exchangeId)
      .where('call_id', '=', r.callId)
      .where('line', '=', r.line ?? '')
      .executeTakeFirstOrThrow();
    await insertInChunks(database, trx, 'call_history_matches', r.matches.map((m) => ({
      call_history_id: row.id, contact_person_id: m.contactPersonId, partner_id: m.partnerId,
    })));
  }

  // Partners' last communication follows from the history.
  await trx
    .updateTable('partners')
    .set((eb) => ({
      last_communication_at: eb
        .selectFrom('call_history')
        .select((s) => s.fn.max<string>('started_at').as('last'))
        .whereRef('call_history.partner_id', '=', 'partners.id'),
    }))
    .where((eb) => eb.exists(eb.selectFrom('call_history').select('id').whereRef('call_history.partner_id', '=', 'partners.id')))
    .execute();
  return total;
}

/** Multi-row inserts sized to the dialect's parameter limit. */
async function insertInChunks<T extends keyof ErpDatabase>(
  database: Database,
  trx: Trx,
  table: T,
  rows: readonly Insertable<ErpDatabase[T]>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const perRow = Math.max(1, Object.keys(first).length);
  const size = Math.max(1, Math.min(1_000, Math.floor(database.dialect.maxParameters / perRow)));
  for (let i = 0; i < rows.length; i += size) {
    await trx.insertInto(table).values(rows.slice(i, i + size)).execute();
  }
}
