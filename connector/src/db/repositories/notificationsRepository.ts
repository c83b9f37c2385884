import type { Database } from '../database.js';
import { insertReturningId } from '../insertReturningId.js';

/**
 * A missed-call notification for a user, once per call: a replayed write
 * finds it there (the unique index on user, kind and call) and adds none.
 */
/** The new notification's id, or false when the call had one already. */
export async function addMissedCallNotification(database: Database, userId: number, callHistoryId: number, message: string, now: Date): Promise<number | false> {
  const existing = await database.db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', userId)
    .where('kind', '=', 'missed_call')
    .where('call_history_id', '=', callHistoryId)
    .executeTakeFirst();
  if (existing !== undefined) return false;
  try {
    return await insertReturningId(database, database.db, 'notifications', {
      user_id: userId, kind: 'missed_call', call_history_id: callHistoryId, message: message.slice(0, 400), created_at: database.dialect.encodeTime(now), seen_at: null,
    });
  } catch (error) {
    if (database.dialect.isUniqueViolation(error)) return false;
    throw error;
  }
}
