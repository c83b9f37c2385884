import type { CallType } from '@cc/protocol';
import { field, type AmiEvent } from '../ami/codec/amiMessage.js';
import type { CallHistoryRecord } from '../db/repositories/callHistoryRecord.js';
import { normalizeDialled, normalizeStored, type DialRules } from '../phone/phoneNumbers.js';

/**
 * The call tracker (pure): AMI events in, finished calls out as per-line
 * call-history rows, by the rules of DESIGN §4. A call is the channels that
 * share a Linkedid; time comes with each event (its Timestamp, else the time
 * it was received). Contacts of outside numbers are added by the caller of
 * the tracker (the contact index), not here.
 */
export interface TrackedLine {
  readonly userId: number | null;
  readonly userCode: string | null;
  readonly contactPersonId: number | null;
  readonly partnerId: number | null;
}

export interface TrackerConfig {
  readonly exchangeId: number;
  /** The exchange's lines by extension. */
  readonly lines: ReadonlyMap<string, TrackedLine>;
  /** The channel template of a line, e.g. `PJSIP/{line}`. */
  readonly lineChannelTemplate: string;
  readonly dialRules: DialRules;
}

/**
 * A finished call's row for one line: a call-history record before its
 * contacts are matched (`remoteNumber` is what the contact index looks up),
 * with the line's user by code and, for internal calls, the other line's
 * contact person already known.
 */
export type TrackedRow = Omit<CallHistoryRecord, 'contactPersonId' | 'partnerId' | 'responsibleUserId' | 'matches' | 'endEstimated'> & {
  readonly user: string | null;
  readonly userId: number | null;
  /** Known already for internal calls (the other line's contact person); empty otherwise. */
  readonly contactPersonIds: readonly number[];
  readonly partnerIds: readonly number[];
};

interface Channel {
  readonly name: string;
  readonly line: string | null;
  readonly createdAt: Date;
  readonly callerNumber: string;
  readonly exten: string;
  hungUpAt: Date | undefined;
}

interface Leg {
  readonly source: string | null;
  readonly dest: string;
  readonly dialString: string;
  readonly begin: Date;
  end: Date | undefined;
  status: string | undefined;
  /** Dialled after a blind transfer in this call. */
  readonly afterTransfer: boolean;
}

interface Call {
  readonly id: string;
  readonly channels: Map<string, Channel>;
  readonly legs: Leg[];
  recording: string | null;
  /** Lines whose channel handed the call on with a blind transfer. */
  readonly transferers: Set<string>;
}

const FINISHED_MEMORY = 10_000;

export class CallTracker {
  private readonly calls = new Map<string, Call>();
  private readonly callOfChannel = new Map<string, Call>();
  private readonly finished = new Set<string>();
  private readonly lineChannel: RegExp;

  constructor(private readonly config: TrackerConfig) {
    const escaped = config.lineChannelTemplate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.lineChannel = new RegExp(`^${escaped.replace('\\{line\\}', '([^-/]+)')}-[0-9a-f]+(?:;\\d)?$`);
  }

  /** Live calls, for the health report and a resync. */
  get liveCalls(): number {
    return this.calls.size;
  }

  /** Takes one event; returns the rows of a call that it ended. */
  handle(event: AmiEvent, receivedAt: Date): TrackedRow[] {
    const at = eventTime(event, receivedAt);
    switch (event.event) {
      case 'Newchannel':
        this.newChannel(event, at);
        return [];
      case 'DialBegin':
        this.dialBegin(event, at);
        return [];
      case 'DialEnd':
        this.dialEnd(event, at);
        return [];
      case 'BlindTransfer': {
        const call = this.callOf(field(event, 'TransfererChannel'));
        const line = this.lineOf(field(event, 'TransfererChannel') ?? '');
        if (call !== undefined && line !== null) call.transferers.add(field(event, 'TransfererChannel') ?? '');
        return [];
      }
      case 'VarSet': {
        if (field(event, 'Variable') !== 'MIXMONITOR_FILENAME') return [];
        const call = this.callOf(field(event, 'Channel'));
        if (call !== undefined) call.recording = (field(event, 'Value') ?? '').split('/').pop() ?? null;
        return [];
      }
      case 'Hangup':
        return this.hangup(event, at);
      default:
        return [];
    }
  }

  private newChannel(event: AmiEvent, at: Date): void {
    const name = field(event, 'Channel') ?? '';
    const linkedid = field(event, 'Linkedid') ?? field(event, 'Uniqueid') ?? '';
    if (this.finished.has(linkedid)) return; // a late event of a call already written
    let call = this.calls.get(linkedid);
    if (call === undefined) {
      call = { id: linkedid, channels: new Map(), legs: [], recording: null, transferers: new Set() };
      this.calls.set(linkedid, call);
    }
    call.channels.set(name, { name, line: this.lineOf(name), createdAt: at, callerNumber: field(event, 'CallerIDNum') ?? '', exten: field(event, 'Exten') ?? '', hungUpAt: undefined });
    this.callOfChannel.set(name, call);
  }

  private dialBegin(event: AmiEvent, at: Date): void {
    const dest = field(event, 'DestChannel') ?? '';
    const call = this.callOf(dest) ?? this.callOf(field(event, 'Channel'));
    if (call === undefined) return;
    const source = field(event, 'Channel') ?? null;
    const existing = call.legs.find((l) => l.dest === dest && l.end === undefined);
    if (existing !== undefined) return; // repeated
    call.legs.push({ source, dest, dialString: field(event, 'DialString') ?? '', begin: at, end: undefined, status: undefined, afterTransfer: call.transferers.size > 0 });
  }

  private dialEnd(event: AmiEvent, at: Date): void {
    const dest = field(event, 'DestChannel') ?? '';
    const call = this.callOf(dest);
    const leg = call?.legs.find((l) => l.dest === dest && l.end === undefined);
    // Cancelled agent legs of a ring-all queue report DialEnd twice: the first one counts.
    if (leg === undefined) return;
    leg.end = at;
    leg.status = field(event, 'DialStatus') ?? '';
  }

  private hangup(event: AmiEvent, at: Date): TrackedRow[] {
    const name = field(event, 'Channel') ?? '';
    const call = this.callOf(name);
    const channel = call?.channels.get(name);
    if (call === undefined || channel === undefined || channel.hungUpAt !== undefined) return [];
    channel.hungUpAt = at;
    if ([...call.channels.values()].some((c) => c.hungUpAt === undefined)) return [];
    this.calls.delete(call.id);
    for (const c of call.channels.keys()) this.callOfChannel.delete(c);
    this.finished.add(call.id);
    if (this.finished.size > FINISHED_MEMORY) {
      const oldest = this.finished.values().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
    return this.rows(call);
  }

  private rows(call: Call): TrackedRow[] {
    const rows: TrackedRow[] = [];
    const participations = new Map<string, number>();
    const participation = (line: string): number => {
      const n = (participations.get(line) ?? 0) + 1;
      participations.set(line, n);
      return n;
    };
    const lineLegs = call.legs.filter((l) => call.channels.get(l.dest)?.line != null);
    const someoneAnswered = lineLegs.some((l) => l.status === 'ANSWER' && l.source !== null);
    const caller = [...call.channels.values()].find((c) => c.line === null && call.legs.some((l) => l.source === c.name));
    const remote = caller === undefined ? null : this.stored(caller.callerNumber);
    const did = caller === undefined ? '' : (this.stored(caller.exten) ?? caller.exten);

    for (const leg of call.legs) {
      const dest = call.channels.get(leg.dest);
      const source = leg.source === null ? undefined : call.channels.get(leg.source);
      if (dest === undefined) continue;
      if (dest.line !== null && source === undefined) continue; // Originate ringing the line itself: not a call of its own
      if (dest.line !== null) {
        // A line was called: from outside, or from another line.
        const answered = leg.status === 'ANSWER' ? leg.end : undefined;
        if (answered === undefined && leg.status === 'CANCEL' && someoneAnswered) continue; // a colleague answered
        const end = answered !== undefined ? (dest.hungUpAt ?? leg.end ?? leg.begin) : (leg.end ?? dest.hungUpAt ?? leg.begin);
        const sourceLine = source?.line ?? null;
        const internal = sourceLine !== null;
        const other = sourceLine === null ? undefined : this.config.lines.get(sourceLine);
        rows.push(this.row(call, dest.line, participation(dest.line), {
          type: answered === undefined ? 'missed' : 'received', internal,
          transferred: call.transferers.has(dest.name) || leg.afterTransfer,
          callerNumber: sourceLine ?? remote ?? caller?.callerNumber ?? '',
          calledNumber: internal ? dest.line : did,
          remoteNumber: internal ? null : remote,
          contacts: other, start: leg.begin, answered, end,
        }));
        if (sourceLine !== null && source !== undefined) {
          const callee = this.config.lines.get(dest.line);
          const sourceEnd = source.hungUpAt ?? end;
          rows.push(this.row(call, sourceLine, participation(sourceLine), {
            type: 'outgoing', internal: true, transferred: call.transferers.has(source.name),
            callerNumber: sourceLine, calledNumber: dest.line, remoteNumber: null, contacts: callee,
            start: leg.begin, answered, end: sourceEnd,
          }));
        }
        continue;
      }
      if (source?.line != null) {
        // A line dialled out.
        const dialled = leg.dialString.split('@')[0] ?? '';
        const normalized = normalizeDialled(dialled, this.config.dialRules);
        const number = normalized.ok ? normalized.e164 : dialled;
        const answered = leg.status === 'ANSWER' ? leg.end : undefined;
        rows.push(this.row(call, source.line, participation(source.line), {
          type: 'outgoing', internal: false, transferred: call.transferers.has(source.name),
          callerNumber: source.line, calledNumber: number, remoteNumber: normalized.ok ? normalized.e164 : null, contacts: undefined,
          start: leg.begin, answered, end: source.hungUpAt ?? leg.end ?? leg.begin,
        }));
      }
    }
    const channels = [...call.channels.values()];
    if (rows.length === 0 && channels.every((c) => c.line === null)) {
      // An outside call that no line ever took part in (a caller who gave up in a queue while every
      // agent was busy): one missed row without a line, so that the team's missed calls show it.
      const outside = caller ?? channels[0];
      if (outside !== undefined) {
        const number = this.stored(outside.callerNumber);
        const start = outside.createdAt;
        const end = outside.hungUpAt ?? start;
        rows.push({
          callId: call.id, exchangeId: this.config.exchangeId, line: null, participation: 1, user: null, userId: null, type: 'missed', internal: false,
          transferred: false, callerNumber: number ?? outside.callerNumber, calledNumber: this.stored(outside.exten) ?? outside.exten, remoteNumber: number,
          contactPersonIds: [], partnerIds: [], start, end, ringSeconds: seconds(start, end), talkSeconds: 0, recording: call.recording,
        });
      }
    }
    return rows.sort((a, b) => a.start.getTime() - b.start.getTime() || (a.line ?? '').localeCompare(b.line ?? ''));
  }

  private row(
    call: Call,
    line: string,
    participation: number,
    r: {
      type: CallType; internal: boolean; transferred: boolean; callerNumber: string; calledNumber: string; remoteNumber: string | null;
      contacts: TrackedLine | undefined; start: Date; answered: Date | undefined; end: Date;
    },
  ): TrackedRow {
    const owner = this.config.lines.get(line);
    const ringEnd = r.answered ?? r.end;
    return {
      callId: call.id, exchangeId: this.config.exchangeId, line, participation, user: owner?.userCode ?? null, userId: owner?.userId ?? null,
      type: r.type, internal: r.internal, transferred: r.transferred, callerNumber: r.callerNumber, calledNumber: r.calledNumber,
      remoteNumber: r.remoteNumber,
      contactPersonIds: r.contacts?.contactPersonId == null ? [] : [r.contacts.contactPersonId],
      partnerIds: r.contacts?.contactPersonId == null || r.contacts.partnerId === null ? [] : [r.contacts.partnerId],
      start: r.start, end: r.end, ringSeconds: seconds(r.start, ringEnd), talkSeconds: r.answered === undefined ? 0 : seconds(r.answered, r.end),
      recording: r.internal ? null : call.recording,
    };
  }

  private lineOf(channel: string): string | null {
    const line = this.lineChannel.exec(channel)?.[1];
    return line !== undefined && this.config.lines.has(line) ? line : null;
  }

  private callOf(channel: string | undefined): Call | undefined {
    return channel === undefined ? undefined : this.callOfChannel.get(channel);
  }

  private stored(number: string): string | null {
    const normalized = normalizeStored(number, this.config.dialRules);
    return normalized.ok ? normalized.e164 : null;
  }
}

/** The event's own time (`Timestamp`, with timestampevents = yes), else when it arrived. */
export function eventTime(event: AmiEvent, receivedAt: Date): Date {
  const stamp = Number(field(event, 'Timestamp'));
  return Number.isFinite(stamp) && stamp > 0 ? new Date(Math.round(stamp * 1000)) : receivedAt;
}

function seconds(from: Date, to: Date): number {
  return Math.max(0, Math.round(to.getTime() - from.getTime()) / 1000);
}
