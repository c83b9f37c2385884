import { sql, type Insertable, type Transaction } from 'kysely';
import type { Database } from '../database.js';
import type { CallHistoryTable, ErpDatabase } from '../schema.js';
import type { SqlDialect } from '../sqlDialect.js';
import { fromBool } from '../sqlValues.js';
import { validateCallHistoryRecord, type CallHistoryRecord } from './callHistoryRecord.js';

export interface WriteResult {
  /** False when the row was already there (a replayed write): nothing was changed. */
  readonly written: boolean;
  readonly id: number;
}

/**
 * Writes one call-history row exactly once: a second write of the same
 * (exchange, call id, line, participation) changes nothing and reports the
 * existing row. The matched contacts go in with the row, in one transaction.
 */
export async function writeCallHistory(database: Database, record: CallHistoryRecord, now: Date): Promise<WriteResult> {
  validateCallHistoryRecord(record);
  const row = callHistoryRow(database.dialect, record, now);
  return database.db.transaction().execute(async (trx) => {
    const insertedId = await insertIfAbsent(database, trx, row);
    if (insertedId === undefined) return { written: false, id: await existingId(trx, row) };
    if (record.matches.length > 0) {
      await trx
        .insertInto('call_history_matches')
        .values(
          record.matches.map((m) => ({
            call_history_id: insertedId,
            contact_person_id: m.contactPersonId,
            partner_id: m.partnerId,
          })),
        )
        .execute();
    }
    return { written: true, id: insertedId };
  });
}

export type CallHistoryRow = Insertable<CallHistoryTable> & {
  exchange_id: number;
  call_id: string;
  line: string;
  participation: number;
};

/** The row as both drivers take it (the demo seed writes history through it too). */
export function callHistoryRow(dialect: SqlDialect, r: CallHistoryRecord, now: Date): CallHistoryRow {
  const time = (d: Date): string => dialect.encodeTime(d);
  return {
    exchange_id: r.exchangeId,
    call_id: r.callId,
    // The unique key never holds NULL (NULLs never collide): a row without a line stores ''.
    line: r.line ?? '',
    participation: r.participation,
    call_type: r.type,
    internal: fromBool(r.internal),
    transferred: fromBool(r.transferred),
    caller_number: r.callerNumber,
    called_number: r.calledNumber,
    remote_number: r.remoteNumber,
    contact_person_id: r.contactPersonId,
    partner_id: r.partnerId,
    responsible_user_id: r.responsibleUserId,
    started_at: time(r.start),
    ended_at: time(r.end),
    end_estimated: fromBool(r.endEstimated),
    ring_seconds: roundMillis(r.ringSeconds),
    talk_seconds: roundMillis(r.talkSeconds),
    activity_id: null,
    recording: r.recording,
    created_at: time(now),
  };
}

async function insertIfAbsent(
  database: Database,
  trx: Transaction<ErpDatabase>,
  row: CallHistoryRow,
): Promise<number | undefined> {
  if (database.dialect.name === 'sqlite') {
    const inserted = await trx
      .insertInto('call_history')
      .values(row)
      .onConflict((oc) => oc.columns(['exchange_id', 'call_id', 'line', 'participation']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted?.id;
  }

  // SQL Server has no ON CONFLICT, and MERGE has known races. The key range is
  // locked (UPDLOCK, HOLDLOCK) until the insert is done, so two writers of the
  // same row cannot both see it missing; a unique-key violation that still
  // happens (another path wrote the row) means "already written". The new id
  // goes OUTPUT … INTO a table variable: a bare OUTPUT is refused (error 334)
  // on a table with a trigger, which ERP databases often add.
  const columns = Object.keys(row) as (keyof CallHistoryRow)[];
  try {
    const result = await sql<{ id: number }>`DECLARE @inserted TABLE (id INT);
INSERT INTO call_history (${sql.join(columns.map((c) => sql.ref(c)))})
OUTPUT inserted.id INTO @inserted
SELECT ${sql.join(columns.map((c) => sql.val(row[c])))}
WHERE NOT EXISTS (
  SELECT 1 FROM call_history WITH (UPDLOCK, HOLDLOCK)
  WHERE exchange_id = ${row.exchange_id} AND call_id = ${row.call_id}
    AND ${sql.ref('line')} = ${row.line} AND participation = ${row.participation}
);
SELECT id FROM @inserted;`.execute(trx);
    return result.rows[0]?.id;
  } catch (error) {
    if (database.dialect.isUniqueViolation(error)) return undefined;
    throw error;
  }
}

async function existingId(trx: Transaction<ErpDatabase>, row: CallHistoryRow): Promise<number> {
  const existing = await trx
    .selectFrom('call_history')
    .select('id')
    .where('exchange_id', '=', row.exchange_id)
    .where('call_id', '=', row.call_id)
    .where('line', '=', row.line)
    .where('participation', '=', row.participation)
    .executeTakeFirstOrThrow();
  return existing.id;
}

/** DECIMAL(10,3): keep milliseconds, drop float noise. */
function roundMillis(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
