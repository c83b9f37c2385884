import type { CallHistoryRecord } from '../db/repositories/callHistoryRecord.js';
import { normalizeDialled, normalizeStored } from '../phone/phoneNumbers.js';
import type { TrackerConfig, TrackedLine } from './callTracker.js';
import type { Call } from './trackerState.js';

/**
 * A finished call's row for one line: a call-history record before its
 * contacts are matched (`remoteNumber` is what the contact index looks up),
 * with the line's user by code and, for internal calls, the other line's
 * contact person already known.
 */
export type TrackedRow = Omit<CallHistoryRecord, 'contactPersonId' | 'partnerId' | 'responsibleUserId' | 'matches'> & {
  readonly user: string | null;
  readonly userId: number | null;
  /** Known already for internal calls (the other line's contact person); empty otherwise. */
  readonly contactPersonIds: readonly number[];
  readonly partnerIds: readonly number[];
  /** The line's user was connected while the call was live: written whatever the line's settings. */
  readonly kept: boolean;
};

/** The remote number in E.164 when it reads as one in the exchange's country, else null. */
export function storedNumber(number: string, config: TrackerConfig): string | null {
  const normalized = normalizeStored(number, config.dialRules);
  return normalized.ok ? normalized.e164 : null;
}

/** The call-history rows of a finished call, by the rules of DESIGN §4, in order of start. */
export function rowsOf(call: Call, config: TrackerConfig): TrackedRow[] {
  const rows: TrackedRow[] = [];
  // Participation is numbered once the rows are final (see numbered()).
  const row = (line: string, r: RowFacts): TrackedRow => lineRow(call, config, line, 0, r);
  const lineLegs = call.legs.filter((l) => call.channels.get(l.dest)?.line != null);
  const someoneAnswered = lineLegs.some((l) => l.status === 'ANSWER' && l.source !== null);
  const caller = [...call.channels.values()].find((c) => c.line === null && call.legs.some((l) => l.source === c.name));
  const remote = caller === undefined ? null : storedNumber(caller.callerNumber, config);
  const did = caller === undefined ? '' : (storedNumber(caller.exten, config) ?? caller.exten);

  for (const leg of call.legs) {
    const dest = call.channels.get(leg.dest);
    const source = leg.source === null ? undefined : call.channels.get(leg.source);
    if (dest === undefined) continue;
    if (dest.line !== null && source === undefined) continue; // Originate ringing the line itself: not a call of its own
    if (dest.line !== null) {
      // A line was called: from outside, or from another line.
      const answered = leg.status === 'ANSWER' ? leg.end : undefined;
      // A colleague answered: this line's ringing was cancelled (or, for a leg rebuilt after a gap, never seen to end).
      if (answered === undefined && (leg.status === 'CANCEL' || leg.status === undefined) && someoneAnswered) continue;
      const end = answered !== undefined ? (dest.hungUpAt ?? leg.end ?? leg.begin) : (leg.end ?? dest.hungUpAt ?? leg.begin);
      const sourceLine = source?.line ?? null;
      const internal = sourceLine !== null;
      const other = sourceLine === null ? undefined : config.lines.get(sourceLine);
      rows.push(row(dest.line, {
        type: answered === undefined ? 'missed' : 'received', internal,
        transferred: call.transferers.has(dest.name) || leg.afterTransfer,
        callerNumber: sourceLine ?? remote ?? caller?.callerNumber ?? '',
        calledNumber: internal ? dest.line : did,
        remoteNumber: internal ? null : remote,
        contacts: other, start: leg.begin, answered, end,
      }));
      if (sourceLine !== null && source !== undefined) {
        const callee = config.lines.get(dest.line);
        rows.push(row(sourceLine, {
          type: 'outgoing', internal: true, transferred: call.transferers.has(source.name),
          callerNumber: sourceLine, calledNumber: dest.line, remoteNumber: null, contacts: callee,
          start: leg.begin, answered, end: source.hungUpAt ?? end,
        }));
      }
      continue;
    }
    if (source?.line != null) {
      // A line dialled out.
      const dialled = leg.dialString.split('@')[0] ?? '';
      const normalized = normalizeDialled(dialled, config.dialRules);
      const answered = leg.status === 'ANSWER' ? leg.end : undefined;
      rows.push(row(source.line, {
        type: 'outgoing', internal: false, transferred: call.transferers.has(source.name),
        callerNumber: source.line, calledNumber: normalized.ok ? normalized.e164 : dialled, remoteNumber: normalized.ok ? normalized.e164 : null, contacts: undefined,
        start: leg.begin, answered, end: source.hungUpAt ?? leg.end ?? leg.begin,
      }));
    }
  }
  const final = numbered(onePerLine(rows));
  if (final.length > 0) return final;
  const channels = [...call.channels.values()];
  // An outside call that no line ever took part in (a caller who gave up in a queue while every agent
  // was busy): one missed row without a line, so that the team's missed calls show it. Only for an
  // outside caller (a queue caller, or a number that reads as an outside one; not an extension that is
  // no line, nor a conference's own channel), and not for a call partly unseen (live at a resync) unless
  // it waits in a queue: lines may have had it meanwhile, and nothing is made up.
  const outside = caller ?? channels.find((c) => c.uniqueid === call.id) ?? channels[0];
  const number = outside === undefined ? null : storedNumber(outside.callerNumber, config);
  if (outside !== undefined && channels.every((c) => c.line === null) && (call.queued || (!call.gap && number !== null))) {
    const start = outside.createdAt;
    const end = outside.hungUpAt ?? start;
    rows.push({
      callId: call.id, exchangeId: config.exchangeId, line: null, participation: 1, user: null, userId: null, type: 'missed', internal: false,
      transferred: false, callerNumber: number ?? outside.callerNumber, calledNumber: storedNumber(outside.exten, config) ?? outside.exten, remoteNumber: number,
      contactPersonIds: [], partnerIds: [], start, end, endEstimated: call.estimated, ringSeconds: seconds(start, end), talkSeconds: 0, recording: call.recording, kept: false,
    });
  }
  return rows;
}

/**
 * A line's missed legs are one missed row (several devices on the line rang,
 * or a queue rang it again), and none at all when the line took the call.
 */
function onePerLine(rows: readonly TrackedRow[]): TrackedRow[] {
  const took = new Set(rows.filter((r) => r.type !== 'missed').map((r) => r.line));
  const missed = new Map<string | null, TrackedRow>();
  const out: TrackedRow[] = [];
  for (const row of rows) {
    if (row.type !== 'missed') {
      out.push(row);
      continue;
    }
    if (took.has(row.line)) continue;
    const earlier = missed.get(row.line);
    if (earlier === undefined) {
      missed.set(row.line, row);
      out.push(row);
      continue;
    }
    const start = earlier.start < row.start ? earlier.start : row.start;
    const end = earlier.end > row.end ? earlier.end : row.end;
    const merged: TrackedRow = { ...earlier, start, end, ringSeconds: seconds(start, end) };
    missed.set(row.line, merged);
    out[out.indexOf(earlier)] = merged;
  }
  return out;
}

/** In order of start; each line's rows numbered 1, 2, … (a line that took the call twice, after a transfer back). */
function numbered(rows: readonly TrackedRow[]): TrackedRow[] {
  const sorted = [...rows].sort((a, b) => a.start.getTime() - b.start.getTime() || (a.line ?? '').localeCompare(b.line ?? ''));
  const counts = new Map<string | null, number>();
  return sorted.map((row) => {
    const participation = (counts.get(row.line) ?? 0) + 1;
    counts.set(row.line, participation);
    return { ...row, participation };
  });
}

/** What a rule decided about a line's part in the call; the rest of its row follows from the call. */
type RowFacts = Pick<CallHistoryRecord, 'type' | 'internal' | 'transferred' | 'callerNumber' | 'calledNumber' | 'remoteNumber' | 'start' | 'end'> & {
  /** The other line, on an internal call: its contact person is the row's. */
  readonly contacts: TrackedLine | undefined;
  readonly answered: Date | undefined;
};

function lineRow(call: Call, config: TrackerConfig, line: string, participation: number, r: RowFacts): TrackedRow {
  const owner = config.lines.get(line);
  const ringEnd = r.answered ?? r.end;
  return {
    callId: call.id, exchangeId: config.exchangeId, line, participation, user: owner?.userCode ?? null, userId: owner?.userId ?? null,
    type: r.type, internal: r.internal, transferred: r.transferred, callerNumber: r.callerNumber, calledNumber: r.calledNumber,
    remoteNumber: r.remoteNumber,
    contactPersonIds: r.contacts?.contactPersonId == null ? [] : [r.contacts.contactPersonId],
    partnerIds: r.contacts?.contactPersonId == null || r.contacts.partnerId === null ? [] : [r.contacts.partnerId],
    start: r.start, end: r.end, endEstimated: call.estimated, ringSeconds: seconds(r.start, ringEnd), talkSeconds: r.answered === undefined ? 0 : seconds(r.answered, r.end),
    recording: r.internal ? null : call.recording,
    kept: call.kept.has(line),
  };
}

export function seconds(from: Date, to: Date): number {
  return Math.max(0, Math.round(to.getTime() - from.getTime()) / 1000);
}
