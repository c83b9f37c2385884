import type { Kysely } from 'kysely';
import { ConnectorError } from '../../errors.js';
import { insertReturningId } from '../insertReturningId.js';
import type { ErpDatabase } from '../schema.js';
import type { Database } from '../database.js';

export interface NewActivity {
  readonly activityType: string;
  readonly subject: string;
  readonly contactPersonId: number | null;
  readonly responsibleUserId: number;
  readonly note: string;
  readonly call: CallRef;
}

/** A line's part in a call, as the desk and the call history both name it. */
export interface CallRef {
  readonly exchangeId: number;
  readonly callId: string;
  readonly line: string;
}

/**
 * Saves the activity written during a call. The call-history row is linked
 * both ways at once when it exists (the call has ended), else by
 * `linkActivitiesToCall` when it is written. Saving again for the same call,
 * line and user updates the note (one activity per call and line).
 */
export async function saveActivity(database: Database, activity: NewActivity, now: Date): Promise<{ activityId: number; callHistoryId: number | null }> {
  const saved = await saveInTransaction(database, activity, now);
  if (saved.callHistoryId !== null) return saved;
  // The row may have been written while the activity was (another connection, SQL Server): the writer found no
  // activity then, and this transaction no row. Looking again after the commit closes that gap; linking twice is harmless.
  const rowId = await historyRowOf(database.db, activity.call);
  if (rowId === null) return saved;
  await linkActivitiesToCall(database, activity.call, rowId);
  return { activityId: saved.activityId, callHistoryId: rowId };
}

/** The call's history row for the line (its latest participation), or null while the call is not written yet. */
async function historyRowOf(db: Kysely<ErpDatabase>, call: CallRef): Promise<number | null> {
  const row = await db.selectFrom('call_history').select('id')
    .where('exchange_id', '=', call.exchangeId).where('call_id', '=', call.callId).where('line', '=', call.line)
    .orderBy('participation', 'desc').executeTakeFirst();
  return row?.id ?? null;
}

async function saveInTransaction(database: Database, activity: NewActivity, now: Date): Promise<{ activityId: number; callHistoryId: number | null }> {
  return database.db.transaction().execute(async (trx) => {
    let partnerId: number | null = null;
    if (activity.contactPersonId !== null) {
      const contact = await trx.selectFrom('contact_persons').select('partner_id').where('id', '=', activity.contactPersonId).executeTakeFirst();
      if (contact === undefined) throw new ConnectorError('NOT_FOUND', `contact person ${activity.contactPersonId} does not exist`);
      partnerId = contact.partner_id;
    }
    const { exchangeId, callId, line } = activity.call;
    const callHistoryId = await historyRowOf(trx, activity.call);
    const fields = {
      activity_type: activity.activityType, subject: activity.subject.slice(0, 200), contact_person_id: activity.contactPersonId,
      partner_id: partnerId, responsible_user_id: activity.responsibleUserId, note: activity.note, call_history_id: callHistoryId,
    };
    const existing = await trx.selectFrom('activities').select('id')
      .where('exchange_id', '=', exchangeId).where('call_id', '=', callId).where('line', '=', line)
      .where('created_by_user_id', '=', activity.responsibleUserId).executeTakeFirst();
    let activityId: number;
    if (existing !== undefined) {
      await trx.updateTable('activities').set(fields).where('id', '=', existing.id).execute();
      activityId = existing.id;
    } else {
      activityId = await insertReturningId(database, trx, 'activities', {
        ...fields, created_by_user_id: activity.responsibleUserId, created_at: database.dialect.encodeTime(now),
        exchange_id: exchangeId, call_id: callId, line,
      });
    }
    if (callHistoryId !== null) await trx.updateTable('call_history').set({ activity_id: activityId }).where('id', '=', callHistoryId).execute();
    if (partnerId !== null) await trx.updateTable('partners').set({ last_communication_at: database.dialect.encodeTime(now) }).where('id', '=', partnerId).execute();
    return { activityId, callHistoryId };
  });
}

/** A call-history row was written: the activity saved during its call (if any) and the row now point at each other. */
export async function linkActivitiesToCall(database: Database, call: CallRef, callHistoryId: number): Promise<void> {
  const activity = await database.db.selectFrom('activities').select('id')
    .where('exchange_id', '=', call.exchangeId).where('call_id', '=', call.callId).where('line', '=', call.line)
    .where('call_history_id', 'is', null).orderBy('id', 'desc').executeTakeFirst();
  if (activity === undefined) return;
  await database.db.transaction().execute(async (trx) => {
    await trx.updateTable('activities').set({ call_history_id: callHistoryId }).where('id', '=', activity.id).execute();
    await trx.updateTable('call_history').set({ activity_id: activity.id }).where('id', '=', callHistoryId).where('activity_id', 'is', null).execute();
  });
}

export interface ActivityOwner {
  readonly responsibleUserId: number | null;
  readonly contactPersonId: number | null;
  readonly partnerId: number | null;
}

export async function findActivity(database: Database, activityId: number): Promise<ActivityOwner | undefined> {
  const row = await database.db.selectFrom('activities').select(['created_by_user_id', 'contact_person_id', 'partner_id']).where('id', '=', activityId).executeTakeFirst();
  return row === undefined ? undefined : { responsibleUserId: row.created_by_user_id, contactPersonId: row.contact_person_id, partnerId: row.partner_id };
}

/** A follow-up task after a call, for the activity's contact and partner. */
export async function createTask(
  database: Database,
  task: { activityId: number; subject: string; note: string; dueAt: Date | null; responsibleUserId: number; owner: ActivityOwner },
  now: Date,
): Promise<number> {
  return insertReturningId(database, database.db, 'tasks', {
    subject: task.subject, note: task.note === '' ? null : task.note, due_at: task.dueAt === null ? null : database.dialect.encodeTime(task.dueAt),
    responsible_user_id: task.responsibleUserId, contact_person_id: task.owner.contactPersonId, partner_id: task.owner.partnerId,
    activity_id: task.activityId, done: 0, created_at: database.dialect.encodeTime(now),
  });
}
