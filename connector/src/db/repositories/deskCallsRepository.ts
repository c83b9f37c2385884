import type { CallListEntry, CallStats, CallType, DeskNotification } from '@cc/protocol';
import { sql } from 'kysely';
import type { Database } from '../database.js';
import { toBool, toDate, toDateOrNull, toNumber } from '../sqlValues.js';

export interface CallListQuery {
  /** Rows of this user only (null: everyone's). */
  readonly userId: number | null;
  /** Only these exchanges (null: all). */
  readonly exchangeIds: readonly number[] | null;
  readonly type: CallType | null;
  readonly since: Date | null;
  readonly limit: number;
}

/** The desk's call list, newest first; missed calls say whether (and by whom) the number was called back. */
export async function listDeskCalls(database: Database, q: CallListQuery, display: (e164: string) => string): Promise<CallListEntry[]> {
  let query = database.db
    .selectFrom('call_history as ch')
    .leftJoin('contact_persons as cp', 'cp.id', 'ch.contact_person_id')
    .leftJoin('partners as p', 'p.id', 'ch.partner_id')
    .leftJoin('users as u', 'u.id', 'ch.responsible_user_id')
    .select(['ch.id', 'ch.exchange_id', 'ch.call_id', 'ch.line', 'ch.call_type', 'ch.internal', 'ch.remote_number', 'ch.caller_number', 'ch.called_number',
      'cp.first_name', 'cp.last_name', 'p.name as partner_name', 'u.full_name', 'ch.started_at', 'ch.talk_seconds', 'ch.ring_seconds', 'ch.activity_id']);
  if (q.userId !== null) query = query.where('ch.responsible_user_id', '=', q.userId);
  if (q.exchangeIds !== null) query = query.where('ch.exchange_id', 'in', q.exchangeIds.length === 0 ? [-1] : q.exchangeIds);
  if (q.type !== null) query = query.where('ch.call_type', '=', q.type);
  if (q.since !== null) query = query.where('ch.started_at', '>=', database.dialect.encodeTime(q.since));
  const rows = await database.dialect.page(query.orderBy('ch.started_at', 'desc').orderBy('ch.id', 'desc'), q.limit, 0).execute();

  const missed = rows.filter((r) => r.call_type === 'missed' && r.remote_number !== null);
  const callbacks = await laterContacts(database, missed.map((r) => r.remote_number ?? ''), new Date(Math.min(...missed.map((r) => toDate(r.started_at).getTime()))));
  return rows.map((r) => {
    const started = toDate(r.started_at);
    const back = r.call_type === 'missed' && r.remote_number !== null
      ? callbacks.find((c) => c.number === r.remote_number && c.at.getTime() > started.getTime())
      : undefined;
    return {
      callHistoryId: r.id, exchangeId: r.exchange_id, callId: r.call_id, line: r.line, type: r.call_type, internal: toBool(r.internal),
      remoteNumber: r.remote_number,
      remoteDisplay: r.remote_number === null ? (r.call_type === 'outgoing' ? r.called_number : r.caller_number) : display(r.remote_number),
      contactName: r.last_name === null ? null : `${r.first_name ?? ''} ${r.last_name}`.trim(),
      partnerName: r.partner_name, userName: r.full_name, startedAt: started.toISOString(),
      talkSeconds: toNumber(r.talk_seconds), ringSeconds: toNumber(r.ring_seconds), activityId: r.activity_id,
      calledBack: back === undefined ? null : { at: back.at.toISOString(), by: back.by },
    };
  });
}

/** Answered or outgoing calls with these numbers since a time, oldest first: who reached the caller after a missed call. */
async function laterContacts(database: Database, numbers: readonly string[], since: Date): Promise<{ number: string; at: Date; by: string | null }[]> {
  const unique = [...new Set(numbers)];
  if (unique.length === 0) return [];
  const rows = await database.db
    .selectFrom('call_history as ch').leftJoin('users as u', 'u.id', 'ch.responsible_user_id')
    .select(['ch.remote_number', 'ch.started_at', 'u.full_name'])
    .where('ch.remote_number', 'in', unique)
    .where('ch.call_type', 'in', ['received', 'outgoing'])
    .where('ch.started_at', '>', database.dialect.encodeTime(since))
    .orderBy('ch.started_at', 'asc')
    .execute();
  return rows.map((r) => ({ number: r.remote_number ?? '', at: toDate(r.started_at), by: r.full_name }));
}

/** The two K2 charts: the user's calls per local day and type, and talk time per partner. */
export async function deskCallStats(database: Database, userId: number, since: Date, localDay: (d: Date) => string): Promise<CallStats> {
  const rows = await database.db.selectFrom('call_history').select(['started_at', 'call_type'])
    .where('responsible_user_id', '=', userId).where('started_at', '>=', database.dialect.encodeTime(since)).execute();
  const days = new Map<string, { day: string; received: number; missed: number; outgoing: number }>();
  for (const r of rows) {
    const day = localDay(toDate(r.started_at));
    const entry = days.get(day) ?? { day, received: 0, missed: 0, outgoing: 0 };
    entry[r.call_type] += 1;
    days.set(day, entry);
  }
  const partners = await database.db
    .selectFrom('call_history as ch').innerJoin('partners as p', 'p.id', 'ch.partner_id')
    .select(['p.id', 'p.name', sql<number | string>`SUM(ch.talk_seconds)`.as('talk'), sql<number | string>`COUNT(*)`.as('calls')])
    .where('ch.responsible_user_id', '=', userId).where('ch.started_at', '>=', database.dialect.encodeTime(since))
    .groupBy(['p.id', 'p.name'])
    .orderBy(sql`SUM(ch.talk_seconds)`, 'desc')
    .execute();
  return {
    byDay: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    byPartner: partners.slice(0, 12).map((p) => ({ partnerId: p.id, partnerName: p.name, talkSeconds: toNumber(p.talk), calls: toNumber(p.calls) })),
  };
}

export async function listNotifications(database: Database, userId: number, limit: number): Promise<DeskNotification[]> {
  const rows = await database.dialect.page(
    database.db.selectFrom('notifications as n').leftJoin('call_history as ch', 'ch.id', 'n.call_history_id')
      .select(['n.id', 'n.kind', 'n.message', 'n.call_history_id', 'ch.remote_number', 'n.created_at', 'n.seen_at'])
      .where('n.user_id', '=', userId).orderBy('n.created_at', 'desc').orderBy('n.id', 'desc'),
    limit, 0,
  ).execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, message: r.message, callHistoryId: r.call_history_id, remoteNumber: r.remote_number,
    createdAt: toDate(r.created_at).toISOString(), seenAt: toDateOrNull(r.seen_at)?.toISOString() ?? null,
  }));
}

/** Marks the user's notifications seen (only theirs: other ids change nothing); returns how many. */
export async function markNotificationsSeen(database: Database, userId: number, ids: readonly number[] | 'all', now: Date): Promise<number> {
  let query = database.db.updateTable('notifications').set({ seen_at: database.dialect.encodeTime(now) }).where('user_id', '=', userId).where('seen_at', 'is', null);
  if (ids !== 'all') query = query.where('id', 'in', ids);
  return Number((await query.executeTakeFirst()).numUpdatedRows);
}
