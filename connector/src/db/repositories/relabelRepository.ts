import type { Database } from '../database.js';

/**
 * A number that just got its contact(s): earlier history rows with that
 * number and no contact are labelled, all matches offered, and the row's own
 * contact set only when there is one. Rows that already have a contact or
 * offered contacts keep them. Returns how many rows were labelled.
 */
export async function relabelHistory(
  database: Database,
  e164: string,
  matches: readonly { readonly contactPersonId: number; readonly partnerId: number | null }[],
): Promise<number> {
  if (matches.length === 0) return 0;
  return database.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('call_history as ch')
      .select('ch.id')
      .where('ch.remote_number', '=', e164)
      .where('ch.contact_person_id', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('call_history_matches as m').select('m.call_history_id').whereRef('m.call_history_id', '=', 'ch.id'))))
      .execute();
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return 0;
    const single = matches.length === 1 ? matches[0] : undefined;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      if (single !== undefined) {
        await trx.updateTable('call_history').set({ contact_person_id: single.contactPersonId, partner_id: single.partnerId }).where('id', 'in', chunk).execute();
      }
      await trx
        .insertInto('call_history_matches')
        .values(chunk.flatMap((id) => matches.map((m) => ({ call_history_id: id, contact_person_id: m.contactPersonId, partner_id: m.partnerId }))))
        .execute();
    }
    return ids.length;
  });
}
