import type { Database } from '../db/database.js';
import type { ExchangeConfig } from '../db/repositories/recorderConfigRepository.js';
import type { TrackedLine } from './callTracker.js';

/** The tracker's view of an exchange's lines: users and the contact persons (with partners) behind them. */
export async function trackedLines(database: Database, exchange: ExchangeConfig): Promise<Map<string, TrackedLine>> {
  const contactIds = exchange.lines.map((l) => l.contactPersonId).filter((id): id is number => id !== null);
  const partners = contactIds.length === 0 ? [] : await database.db.selectFrom('contact_persons').select(['id', 'partner_id']).where('id', 'in', contactIds).execute();
  const partnerOf = new Map(partners.map((p) => [p.id, p.partner_id]));
  return new Map(exchange.lines.map((l): [string, TrackedLine] => [l.line, {
    userId: l.userId, userCode: l.userCode, contactPersonId: l.contactPersonId,
    partnerId: l.contactPersonId === null ? null : (partnerOf.get(l.contactPersonId) ?? null),
  }]));
}
