import type { CallHistoryRecord } from '../db/repositories/callHistoryRecord.js';
import type { TrackedRow } from '../tracker/callTracker.js';

/**
 * A tracked row as the Call History book takes it, with the contacts its
 * number matched: all of them in `matches`, and the row's own contact only
 * when the choice is clear (one match); nothing is picked silently.
 */
export function recordOf(row: TrackedRow, matches: readonly { readonly contactPersonId: number; readonly partnerId: number | null }[]): CallHistoryRecord {
  const all = row.internal
    ? row.contactPersonIds.map((contactPersonId, i) => ({ contactPersonId, partnerId: row.partnerIds[i] ?? null }))
    : matches.map((m) => ({ contactPersonId: m.contactPersonId, partnerId: m.partnerId }));
  const single = all.length === 1 ? all[0] : undefined;
  return {
    exchangeId: row.exchangeId, callId: row.callId, line: row.line, participation: row.participation, type: row.type, internal: row.internal,
    transferred: row.transferred, callerNumber: row.callerNumber, calledNumber: row.calledNumber, remoteNumber: row.remoteNumber,
    contactPersonId: single?.contactPersonId ?? null, partnerId: single?.partnerId ?? null, responsibleUserId: row.userId,
    matches: row.internal ? [] : all, start: row.start, end: row.end, endEstimated: row.endEstimated,
    ringSeconds: row.ringSeconds, talkSeconds: row.talkSeconds, recording: row.recording,
  };
}
