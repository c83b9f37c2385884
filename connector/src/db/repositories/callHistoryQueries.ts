import type { HistoryBucket } from '@cc/protocol';
import { sql } from 'kysely';
import type { Database } from '../database.js';
import type { CallType } from '../schema.js';
import { toBool, toDate, toNumber } from '../sqlValues.js';

export interface CallHistoryFilter {
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
  readonly exchangeId?: number;
  readonly responsibleUserId?: number;
  readonly type?: CallType;
  readonly limit: number;
  readonly offset?: number;
}

export interface CallHistoryEntry {
  readonly id: number;
  readonly exchangeId: number;
  readonly callId: string;
  readonly line: string | null;
  readonly type: CallType;
  readonly internal: boolean;
  readonly transferred: boolean;
  readonly callerNumber: string;
  readonly calledNumber: string;
  readonly contactPersonId: number | null;
  readonly contactName: string | null;
  readonly partnerId: number | null;
  readonly partnerName: string | null;
  readonly responsibleUserId: number | null;
  readonly responsibleUserCode: string | null;
  readonly start: Date;
  readonly end: Date;
  readonly ringSeconds: number;
  readonly talkSeconds: number;
  readonly recording: string | null;
}

export const MAX_PAGE = 1000;

/** History rows, newest first, a page at a time. */
export async function listCallHistory(database: Database, filter: CallHistoryFilter): Promise<CallHistoryEntry[]> {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(filter.limit)));
  const offset = Math.max(0, Math.floor(filter.offset ?? 0));
  let query = database.db
    .selectFrom('call_history as ch')
    .leftJoin('contact_persons as cp', 'cp.id', 'ch.contact_person_id')
    .leftJoin('partners as p', 'p.id', 'ch.partner_id')
    .leftJoin('users as u', 'u.id', 'ch.responsible_user_id')
    .select([
      'ch.id',
      'ch.exchange_id',
      'ch.call_id',
      'ch.line',
      'ch.call_type',
      'ch.internal',
      'ch.transferred',
      'ch.caller_number',
      'ch.called_number',
      'ch.contact_person_id',
      'cp.first_name',
      'cp.last_name',
      'ch.partner_id',
      'p.name as partner_name',
      'ch.responsible_user_id',
      'u.code as user_code',
      'ch.started_at',
      'ch.ended_at',
      'ch.ring_seconds',
      'ch.talk_seconds',
      'ch.recording',
    ]);
  const time = (d: Date): string => database.dialect.encodeTime(d);
  if (filter.from !== undefined) query = query.where('ch.started_at', '>=', time(filter.from));
  if (filter.to !== undefined) query = query.where('ch.started_at', '<', time(filter.to));
  if (filter.exchangeId !== undefined) query = query.where('ch.exchange_id', '=', filter.exchangeId);
  if (filter.responsibleUserId !== undefined) query = query.where('ch.responsible_user_id', '=', filter.responsibleUserId);
  if (filter.type !== undefined) query = query.where('ch.call_type', '=', filter.type);
  query = query.orderBy('ch.started_at', 'desc').orderBy('ch.id', 'desc');

  const rows = await database.dialect.page(query, limit, offset).execute();
  return rows.map((r) => ({
    id: r.id,
    exchangeId: r.exchange_id,
    callId: r.call_id,
    line: r.line === '' ? null : r.line,
    type: r.call_type,
    internal: toBool(r.internal),
    transferred: toBool(r.transferred),
    callerNumber: r.caller_number,
    calledNumber: r.called_number,
    contactPersonId: r.contact_person_id,
    contactName: r.last_name === null ? null : `${r.first_name ?? ''} ${r.last_name}`.trim(),
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    responsibleUserId: r.responsible_user_id,
    responsibleUserCode: r.user_code,
    start: toDate(r.started_at),
    end: toDate(r.ended_at),
    ringSeconds: toNumber(r.ring_seconds),
    talkSeconds: toNumber(r.talk_seconds),
    recording: r.recording,
  }));
}

export type AggregateDimension = 'none' | 'user' | 'partner';

/** Counts and durations per UTC hour, type and dimension, for the dashboards. */
export async function aggregateCallHistory(
  database: Database,
  options: { readonly from: Date; readonly to: Date; readonly by: AggregateDimension; readonly exchangeId?: number },
): Promise<HistoryBucket[]> {
  const hour = database.dialect.utcHour('started_at');
  const keyColumn = options.by === 'user' ? 'responsible_user_id' : 'partner_id';
  const time = (d: Date): string => database.dialect.encodeTime(d);
  let query = database.db
    .selectFrom('call_history')
    .select((eb) => [
      hour.as('utc_hour'),
      'call_type',
      'internal',
      // Linkedids are unique per PBX only: a call is its exchange and its call id.
      sql<number | string>`count(distinct concat(exchange_id, '/', call_id))`.as('calls'),
      eb.fn.countAll<number | string>().as('rows'),
      eb.fn.sum<number | string>('talk_seconds').as('talk_seconds'),
      eb.fn.sum<number | string>('ring_seconds').as('ring_seconds'),
    ])
    .where('started_at', '>=', time(options.from))
    .where('started_at', '<', time(options.to));
  if (options.exchangeId !== undefined) query = query.where('exchange_id', '=', options.exchangeId);

  const rows =
    options.by === 'none'
      ? (await query.groupBy([hour, 'call_type', 'internal']).orderBy(hour).orderBy('call_type').orderBy('internal').execute()).map(
          (r) => ({ ...r, key: null }),
        )
      : (
          await query
            .select(`${keyColumn} as key`)
            .groupBy([hour, 'call_type', 'internal', keyColumn])
            .orderBy(hour)
            .orderBy('call_type')
            .orderBy('internal')
            .orderBy(keyColumn)
            .execute()
        ).map((r) => ({ ...r, key: r.key }));

  return rows.map((r) => ({
    utcHour: r.utc_hour,
    type: r.call_type,
    internal: toBool(r.internal),
    key: r.key,
    calls: toNumber(r.calls),
    rows: toNumber(r.rows),
    talkSeconds: toNumber(r.talk_seconds),
    ringSeconds: toNumber(r.ring_seconds),
  }));
}
