import type { CallEvent } from '@cc/protocol';
import { field, type AmiEvent } from '../ami/codec/amiMessage.js';
import { lineChannelSource } from '../ami/lineChannel.js';
import { normalizeDialled, type DialRules } from '../phone/phoneNumbers.js';
import { rowsOf, storedNumber, type TrackedRow } from './callRows.js';
import { loadCall, storeCall, type Call, type Channel, type Leg, type TrackerSnapshot } from './trackerState.js';

export type { TrackedRow } from './callRows.js';

/**
 * The call tracker (pure): AMI events in; out come live call events
 * (ringing at a line, answered, left, ended) and, when a call ends, its
 * per-line call-history rows by the rules of DESIGN §4. A call is the
 * channels that share a Linkedid; time comes with each event (its
 * Timestamp, else the time it was received). After a reconnect or a
 * restart, `resync` squares what it knows with CoreShowChannels: calls that
 * ended meanwhile are finished with an estimated end, calls it never saw
 * begin are rebuilt. Contacts of outside numbers are added by the caller
 * of the tracker (the contact index), not here.
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

export type TrackerEvent = CallEvent<Date>;

/** What one input changed: live call events, and the rows of calls it ended. */
export interface TrackerStep {
  readonly rows: readonly TrackedRow[];
  readonly live: readonly TrackerEvent[];
}

/** Taken when CoreShowChannels is asked for: what the answer is to be squared with. */
export interface ResyncTicket {
  /** Channels known when the question went out: only these can have ended unseen. */
  readonly known: ReadonlySet<string>;
  /** The last moment the exchange was seen whole: the estimated end of what ended unseen. */
  readonly aliveAt: Date | null;
  /** Channels of calls the tracker does not know that hung up while the answer was on its way. */
  readonly hungUp: Set<string>;
}

const NOTHING: TrackerStep = Object.freeze({ rows: [], live: [] });
const FINISHED_MEMORY = 10_000;
/** A PBX clock this far off (a week) is not believed: the time of receipt is used instead. */
const MAX_CLOCK_SKEW_MS = 7 * 24 * 3600 * 1000;
const SNAPSHOT_FINISHED = 1_000;
/** CoreShowChannel's ChannelState for a channel that is up (answered). */
const STATE_UP = '6';

export class CallTracker {
  private readonly calls = new Map<string, Call>();
  private readonly callOfChannel = new Map<string, Call>();
  private readonly finished = new Set<string>();
  /** Consultation calls merged into the call they transferred: their Linkedid → that call. */
  private readonly mergedInto = new Map<string, Call>();
  private readonly lineChannel: RegExp;
  private lastAlive: Date | null = null;
  private pendingResync: ResyncTicket | undefined;
  private readonly handlers: Readonly<Partial<Record<string, (event: AmiEvent, at: Date) => TrackerStep>>> = {
    Newchannel: (event, at) => this.newChannel(event, at),
    DialBegin: (event, at) => this.dialBegin(event, at),
    DialEnd: (event, at) => this.dialEnd(event, at),
    BlindTransfer: (event) => this.blindTransfer(event),
    AttendedTransfer: (event, at) => this.attendedTransfer(event, at),
    VarSet: (event) => this.varSet(event),
    Rename: (event) => this.rename(event),
    QueueCallerJoin: (event) => this.queueCallerJoin(event),
    Hangup: (event, at) => this.hangup(event, at),
  };

  constructor(private readonly config: TrackerConfig) {
    this.lineChannel = new RegExp(`^${lineChannelSource(config.lineChannelTemplate, '([^-/]+)')}-[0-9a-f]+(?:;\\d)?$`);
  }

  /** A tracker that goes on from a snapshot (taken before a restart). */
  static restore(config: TrackerConfig, snapshot: TrackerSnapshot): CallTracker {
    const tracker = new CallTracker(config);
    tracker.lastAlive = snapshot.aliveAt === null ? null : new Date(snapshot.aliveAt);
    for (const id of snapshot.finished) tracker.finished.add(id);
    for (const stored of snapshot.calls) {
      const call = loadCall(stored);
      tracker.calls.set(call.id, call);
      for (const name of call.channels.keys()) tracker.callOfChannel.set(name, call);
    }
    for (const [consultation, target] of snapshot.merged ?? []) {
      const call = tracker.calls.get(target);
      if (call !== undefined) tracker.mergedInto.set(consultation, call);
    }
    return tracker;
  }

  /** Live calls, for the health report and a resync. */
  get liveCalls(): number {
    return this.calls.size;
  }

  /** The last moment the exchange was known to be seen whole (null: never). */
  get aliveAt(): Date | null {
    return this.lastAlive;
  }

  /** The exchange was seen whole at this moment (events arrive and the last resync is done). */
  alive(at: Date): void {
    if (Number.isNaN(at.getTime())) return;
    if (this.lastAlive === null || at > this.lastAlive) this.lastAlive = at;
  }

  snapshot(): TrackerSnapshot {
    return {
      version: 1,
      aliveAt: this.lastAlive?.toISOString() ?? null,
      finished: [...this.finished].slice(-SNAPSHOT_FINISHED),
      calls: [...this.calls.values()].map(storeCall),
      merged: [...this.mergedInto].flatMap(([consultation, target]) => (this.calls.get(target.id) === target ? [[consultation, target.id] as const] : [])),
    };
  }

  /** Takes one event: what it changed. */
  handle(event: AmiEvent, receivedAt: Date): TrackerStep {
    const handler = this.handlers[event.event];
    if (handler === undefined) return NOTHING;
    const at = eventTime(event, receivedAt);
    return Number.isNaN(at.getTime()) ? NOTHING : handler(event, at);
  }

  /**
   * The line's user is connected: its rows of this live call (of every live
   * call it is in, without a call id) are kept whatever the line's settings,
   * even if the call ends while the connector is down.
   */
  keepLine(line: string, callId?: string): boolean {
    let changed = false;
    for (const call of callId === undefined ? this.calls.values() : [this.calls.get(callId)]) {
      if (call === undefined || call.kept.has(line) || (callId === undefined && !call.presence.has(line))) continue;
      call.kept.add(line);
      changed = true;
    }
    return changed;
  }

  /** The CoreShowChannels asked for with this ticket will not come (refused, timed out). */
  cancelResync(ticket: ResyncTicket): void {
    if (this.pendingResync === ticket) this.pendingResync = undefined;
  }

  /** CoreShowChannels is being asked for (after a login): call `resync` with this and the answer. */
  beginResync(): ResyncTicket {
    this.pendingResync = { known: new Set(this.callOfChannel.keys()), aliveAt: this.lastAlive, hungUp: new Set() };
    return this.pendingResync;
  }

  /**
   * Squares the calls with the channels CoreShowChannels listed at `at`:
   * known channels that are gone ended unseen (at the last moment the
   * exchange was seen whole; the rows say their end is estimated), legs
   * whose line is up now were answered, and live channels of unknown calls
   * are rebuilt as calls, so that they are written when they end.
   */
  resync(ticket: ResyncTicket, listed: readonly AmiEvent[], at: Date): TrackerStep {
    if (this.pendingResync === ticket) this.pendingResync = undefined;
    if (Number.isNaN(at.getTime())) return NOTHING;
    const byName = new Map(listed.flatMap((item) => {
      const name = field(item, 'Channel');
      return name === undefined ? [] : [[name, item] as const];
    }));
    const live: TrackerEvent[] = [];
    const rows: TrackedRow[] = [];

    // Channels of unknown calls (or new channels of known ones) that are live now.
    for (const [name, item] of byName) {
      if (this.callOfChannel.has(name) || ticket.hungUp.has(name)) continue;
      const linkedid = field(item, 'Linkedid') ?? field(item, 'Uniqueid') ?? name;
      if (this.finished.has(linkedid)) continue;
      const call = this.liveMergeTarget(linkedid) ?? this.callFor(linkedid);
      call.channels.set(name, this.channelFrom(item, name, new Date(at.getTime() - durationMs(field(item, 'Duration')))));
      this.callOfChannel.set(name, call);
    }
    // Live channels never seen dialled get their legs: those just added, and those whose DialBegin was lost
    // (e.g. while the PBX's filters were being set).
    for (const call of this.calls.values()) {
      const undialled = [...call.channels.values()].filter((c) => byName.has(c.name) && !call.transferers.has(c.name) && !call.legs.some((l) => l.dest === c.name || l.source === c.name));
      if (undialled.length > 0) this.rebuildLegs(call, undialled, byName, live);
    }

    for (const call of [...this.calls.values()]) {
      // Never before what is known of the call (a PBX clock ahead of the connector's would put the end before the start).
      const goneAt = latest(ticket.aliveAt ?? at, call);
      call.gap = true;
      call.queued ||= [...call.channels.keys()].some((name) => field(byName.get(name) ?? EMPTY, 'Application') === 'Queue');
      const gone = [...call.channels.values()].filter((c) => c.hungUpAt === undefined && ticket.known.has(c.name) && !byName.has(c.name));
      for (const channel of gone) channel.hungUpAt = goneAt;
      for (const leg of call.legs) {
        if (leg.end !== undefined || field(byName.get(leg.dest) ?? EMPTY, 'ChannelState') !== STATE_UP) continue;
        leg.end = goneAt;
        leg.status = 'ANSWER';
        live.push(...this.answeredAt(call, leg, goneAt));
      }
      const answered = call.legs.some((l) => l.status === 'ANSWER');
      for (const leg of call.legs) {
        if (leg.end !== undefined || call.channels.get(leg.dest)?.hungUpAt === undefined) continue;
        leg.end = goneAt;
        leg.status = answered ? 'CANCEL' : 'NOANSWER';
      }
      if (gone.length === 0) continue;
      call.estimated = true;
      if ([...call.channels.values()].every((c) => c.hungUpAt !== undefined)) {
        const done = this.finish(call, goneAt);
        rows.push(...done.rows);
        live.push(...done.live);
      } else {
        live.push(...this.linesLeft(call, goneAt));
      }
    }
    return rows.length === 0 && live.length === 0 ? NOTHING : { rows, live };
  }

  private newChannel(event: AmiEvent, at: Date): TrackerStep {
    const name = field(event, 'Channel') ?? '';
    const linkedid = field(event, 'Linkedid') ?? field(event, 'Uniqueid') ?? '';
    if (this.finished.has(linkedid) || this.callOfChannel.has(name)) return NOTHING; // late or repeated
    const call = this.liveMergeTarget(linkedid) ?? this.callFor(linkedid);
    call.channels.set(name, this.channelFrom(event, name, at));
    this.callOfChannel.set(name, call);
    return NOTHING;
  }

  private dialBegin(event: AmiEvent, at: Date): TrackerStep {
    const dest = field(event, 'DestChannel') ?? '';
    const call = this.callOf(dest) ?? this.callOf(field(event, 'Channel'));
    if (call === undefined) return NOTHING;
    const source = field(event, 'Channel') ?? null;
    if (call.legs.some((l) => l.dest === dest && l.end === undefined)) return NOTHING; // repeated
    const leg: Leg = { source, dest, dialString: field(event, 'DialString') ?? '', begin: at, end: undefined, status: undefined, afterTransfer: call.transferers.size > 0 };
    call.legs.push(leg);
    const live = this.ringingOf(call, leg, at);
    return live.length === 0 ? NOTHING : { rows: [], live };
  }

  private dialEnd(event: AmiEvent, at: Date): TrackerStep {
    const dest = field(event, 'DestChannel') ?? '';
    const call = this.callOf(dest);
    const leg = call?.legs.find((l) => l.dest === dest && l.end === undefined);
    // Cancelled agent legs of a ring-all queue report DialEnd twice: the first one counts.
    if (call === undefined || leg === undefined) return NOTHING;
    leg.end = at;
    leg.status = field(event, 'DialStatus') ?? '';
    const live = leg.status === 'ANSWER' ? this.answeredAt(call, leg, at) : this.linesLeft(call, at);
    return live.length === 0 ? NOTHING : { rows: [], live };
  }

  private blindTransfer(event: AmiEvent): TrackerStep {
    const transferer = field(event, 'TransfererChannel') ?? '';
    const call = this.callOf(transferer);
    if (call !== undefined && this.lineOf(transferer) !== null) call.transferers.add(transferer);
    return NOTHING;
  }

  /**
   * An attended transfer joins the consultation call to the call it
   * transferred (DESIGN §4): the consulted line's leg now comes from the
   * transferred party, so its row is that party's call, ringing from the
   * consultation on and marked transferred; the consultation is no internal
   * call of its own. The pop-up follows: the consulted line rings again
   * with the transferred party, under the surviving call.
   */
  private attendedTransfer(event: AmiEvent, at: Date): TrackerStep {
    if ((field(event, 'Result') ?? '') !== 'Success') return NOTHING;
    const transferers = [field(event, 'OrigTransfererChannel'), field(event, 'SecondTransfererChannel')].filter((c): c is string => c !== undefined && c !== '');
    const parties = [field(event, 'TransfereeChannel'), field(event, 'TransferTargetChannel')].filter((c): c is string => c !== undefined && c !== '');
    const calls = [...new Set([...parties, ...transferers].map((c) => this.callOf(c)).filter((c): c is Call => c !== undefined))];
    // The call that holds the outside party goes on (its caller is who the consulted line ends up with);
    // if both or neither do, the one there first. Either way, whichever dialog the phone sent REFER on.
    const outside = (call: Call): number => (parties.some((name) => call.channels.get(name)?.line === null) ? 0 : 1);
    calls.sort((a, b) => outside(a) - outside(b) || firstSeen(a) - firstSeen(b));
    const [keep, other] = calls;
    if (keep === undefined) return NOTHING;
    for (const name of transferers) if (this.callOf(name) !== undefined) keep.transferers.add(name);
    if (other === undefined) return NOTHING;
    // The party of the first call who stays: the one the consultation's line now talks (or rings) to.
    const stays = parties.find((name) => keep.channels.has(name)) ?? '';
    const live: TrackerEvent[] = [];
    for (const [line, presence] of other.presence) if (presence !== 'left') live.push({ kind: 'left', exchangeId: this.config.exchangeId, callId: other.id, at, line });
    for (const [name, channel] of other.channels) {
      keep.channels.set(name, channel);
      this.callOfChannel.set(name, keep);
    }
    const handedOn: Leg[] = [];
    for (const leg of other.legs) {
      // Only a line the transferer consulted is handed on; an outside number it consulted stays its own outgoing call.
      if (leg.source !== null && transferers.includes(leg.source) && stays !== '' && other.channels.get(leg.dest)?.line != null) {
        leg.source = stays;
        leg.afterTransfer = true;
        handedOn.push(leg);
      }
      keep.legs.push(leg);
    }
    keep.recording ??= other.recording;
    keep.queued ||= other.queued;
    for (const line of other.kept) keep.kept.add(line);
    for (const name of other.transferers) keep.transferers.add(name);
    this.calls.delete(other.id);
    this.mergedInto.set(other.id, keep);
    if (this.mergedInto.size > FINISHED_MEMORY) {
      const oldest = this.mergedInto.keys().next().value;
      if (oldest !== undefined) this.mergedInto.delete(oldest);
    }
    // The pop-up follows the transferred party to the consulted line: ringing, or talking if it answered already.
    for (const leg of handedOn) {
      const channel = keep.channels.get(leg.dest);
      if (channel === undefined || channel.line === null || channel.hungUpAt !== undefined || leg.status !== undefined && leg.status !== 'ANSWER') continue;
      live.push(...this.ringingOf(keep, leg, at));
      if (leg.status === 'ANSWER') live.push(...this.answeredAt(keep, leg, at));
    }
    return { rows: [], live };
  }

  /** A channel took another name (a pickup, a masquerade): everything that knew the old name follows. */
  private rename(event: AmiEvent): TrackerStep {
    const from = field(event, 'Channel') ?? '';
    const to = field(event, 'Newname') ?? '';
    const call = this.callOf(from);
    const channel = call?.channels.get(from);
    if (call === undefined || channel === undefined || to === '' || to === from || this.callOfChannel.has(to)) return NOTHING;
    call.channels.delete(from);
    call.channels.set(to, { ...channel, name: to, line: this.lineOf(to) });
    this.callOfChannel.delete(from);
    this.callOfChannel.set(to, call);
    for (const leg of call.legs) {
      if (leg.source === from) leg.source = to;
      if (leg.dest === from) leg.dest = to;
    }
    if (call.transferers.delete(from)) call.transferers.add(to);
    return NOTHING;
  }

  /** The outside caller waits in a queue: if nobody ever answers, the call is one missed row without a line. */
  private queueCallerJoin(event: AmiEvent): TrackerStep {
    const call = this.callOf(field(event, 'Channel'));
    if (call !== undefined) call.queued = true;
    return NOTHING;
  }

  private varSet(event: AmiEvent): TrackerStep {
    if (field(event, 'Variable') !== 'MIXMONITOR_FILENAME') return NOTHING;
    const call = this.callOf(field(event, 'Channel'));
    if (call !== undefined) call.recording = (field(event, 'Value') ?? '').split('/').pop() ?? null;
    return NOTHING;
  }

  private hangup(event: AmiEvent, at: Date): TrackerStep {
    const name = field(event, 'Channel') ?? '';
    const call = this.callOf(name);
    const channel = call?.channels.get(name);
    if (call === undefined || channel === undefined) {
      this.pendingResync?.hungUp.add(name);
      return NOTHING;
    }
    if (channel.hungUpAt !== undefined) return NOTHING; // repeated
    channel.hungUpAt = at;
    if ([...call.channels.values()].some((c) => c.hungUpAt === undefined)) {
      const live = this.linesLeft(call, at);
      return live.length === 0 ? NOTHING : { rows: [], live };
    }
    return this.finish(call, at);
  }

  /** Every channel is gone: the call's rows, and its end for the lines still in it. */
  private finish(call: Call, at: Date): TrackerStep {
    this.calls.delete(call.id);
    for (const c of call.channels.keys()) this.callOfChannel.delete(c);
    this.finished.add(call.id);
    for (const [consultation, target] of this.mergedInto) {
      if (target !== call) continue;
      this.finished.add(consultation);
      this.mergedInto.delete(consultation);
    }
    if (this.finished.size > FINISHED_MEMORY) {
      const oldest = this.finished.values().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
    const lines = [...call.presence].flatMap(([line, presence]) => (presence === 'left' ? [] : [line]));
    const announced = call.presence.size > 0;
    call.presence.clear();
    return { rows: rowsOf(call, this.config), live: announced ? [{ kind: 'ended', exchangeId: this.config.exchangeId, callId: call.id, at, lines }] : [] };
  }

  /** A leg began: the line it rings (inbound) or the line that dialled (outbound) is in the call, once per line. */
  private ringingOf(call: Call, leg: Leg, at: Date): TrackerEvent[] {
    const dest = call.channels.get(leg.dest);
    const source = leg.source === null ? undefined : call.channels.get(leg.source);
    if (dest === undefined || source === undefined) return []; // Originate ringing the line itself: the line's own call
    const base = { kind: 'ringing', exchangeId: this.config.exchangeId, callId: call.id, at } as const;
    const events: TrackerEvent[] = [];
    if (source.line !== null && absent(call, source.line)) {
      call.presence.set(source.line, 'dialling');
      const dialled = dest.line ?? (leg.dialString.split('@')[0] ?? '');
      const normalized = dest.line === null ? normalizeDialled(dialled, this.config.dialRules) : undefined;
      const remote = normalized?.ok === true ? normalized.e164 : null;
      events.push({ ...base, line: source.line, direction: 'outbound', internal: dest.line !== null, callerNumber: source.line, calledNumber: remote ?? dialled, remoteNumber: remote, otherLine: dest.line });
    }
    if (dest.line !== null && absent(call, dest.line)) {
      call.presence.set(dest.line, 'ringing');
      const remote = source.line === null ? storedNumber(source.callerNumber, this.config) : null;
      events.push({
        ...base, line: dest.line, direction: 'inbound', internal: source.line !== null,
        callerNumber: source.line ?? remote ?? source.callerNumber, calledNumber: source.line === null ? (storedNumber(source.exten, this.config) ?? source.exten) : dest.line,
        remoteNumber: remote, otherLine: source.line,
      });
    }
    return events;
  }

  /** A leg was answered: its line talks (and so does the line that dialled it). */
  private answeredAt(call: Call, leg: Leg, at: Date): TrackerEvent[] {
    const lines = [call.channels.get(leg.dest)?.line, leg.source === null ? undefined : call.channels.get(leg.source)?.line];
    const events: TrackerEvent[] = [];
    for (const line of lines) {
      const presence = line == null ? undefined : call.presence.get(line);
      if (line == null || (presence !== 'ringing' && presence !== 'dialling')) continue;
      call.presence.set(line, 'talking');
      events.push({ kind: 'answered', exchangeId: this.config.exchangeId, callId: call.id, at, line });
    }
    return events;
  }

  /** Lines in the call with no channel up and no leg ringing any more have left it. */
  private linesLeft(call: Call, at: Date): TrackerEvent[] {
    const events: TrackerEvent[] = [];
    for (const [line, presence] of call.presence) {
      if (presence === 'left') continue;
      const channels = [...call.channels.values()].filter((c) => c.line === line);
      const ringing = call.legs.some((l) => l.end === undefined && channels.some((c) => c.name === l.dest));
      const stillThere = presence === 'ringing' ? ringing : channels.some((c) => c.hungUpAt === undefined);
      if (stillThere) continue;
      call.presence.set(line, 'left');
      events.push({ kind: 'left', exchangeId: this.config.exchangeId, callId: call.id, at, line });
    }
    return events;
  }

  /**
   * Legs for channels that CoreShowChannels showed and the events never
   * did: the channel that began the call (its Uniqueid is the Linkedid)
   * dialled each of them (the outside caller rang the line; a line dialled
   * out or rang another line). One that is up was answered (when is not
   * known: its ringing counts as nothing).
   */
  private rebuildLegs(call: Call, undialled: readonly Channel[], listed: ReadonlyMap<string, AmiEvent>, live: TrackerEvent[]): void {
    const channels = [...call.channels.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const alive = channels.filter((c) => c.hungUpAt === undefined);
    const origin = alive.find((c) => c.uniqueid === call.id) ?? alive[0] ?? channels[0];
    if (origin === undefined) return;
    for (const channel of undialled) {
      if (channel === origin || call.legs.some((l) => l.dest === channel.name || l.source === channel.name)) continue;
      if (channel.line === null && origin.line === null) continue; // two outside channels: nothing for a line
      const up = field(listed.get(channel.name) ?? EMPTY, 'ChannelState') === STATE_UP;
      const leg: Leg = {
        source: origin.name, dest: channel.name, dialString: origin.line === null ? '' : origin.exten, begin: channel.createdAt,
        end: up ? channel.createdAt : undefined, status: up ? 'ANSWER' : undefined, afterTransfer: false,
      };
      call.legs.push(leg);
      live.push(...this.ringingOf(call, leg, channel.createdAt));
      if (up) live.push(...this.answeredAt(call, leg, channel.createdAt));
    }
  }

  /** A channel as a Newchannel event or a CoreShowChannel item describes it (they carry the same headers). */
  private channelFrom(message: AmiEvent, name: string, createdAt: Date): Channel {
    return {
      name, uniqueid: field(message, 'Uniqueid') ?? '', line: this.lineOf(name), createdAt,
      callerNumber: field(message, 'CallerIDNum') ?? '', exten: field(message, 'Exten') ?? '', hungUpAt: undefined,
    };
  }

  /** The live call a consultation (by its Linkedid) was merged into; none once that call is over. */
  private liveMergeTarget(linkedid: string): Call | undefined {
    const target = this.mergedInto.get(linkedid);
    if (target !== undefined && this.calls.get(target.id) === target) return target;
    if (target !== undefined) this.mergedInto.delete(linkedid);
    return undefined;
  }

  private callFor(linkedid: string): Call {
    let call = this.calls.get(linkedid);
    if (call === undefined) {
      call = { id: linkedid, channels: new Map(), legs: [], recording: null, transferers: new Set(), presence: new Map(), estimated: false, gap: false, queued: false, kept: new Set() };
      this.calls.set(linkedid, call);
    }
    return call;
  }

  private lineOf(channel: string): string | null {
    const line = this.lineChannel.exec(channel)?.[1];
    return line !== undefined && this.config.lines.has(line) ? line : null;
  }

  private callOf(channel: string | undefined): Call | undefined {
    return channel === undefined ? undefined : this.callOfChannel.get(channel);
  }
}

/** The later of `at` and the last moment the call is known to have been there (a channel, a dial, an answer). */
function latest(at: Date, call: Call): Date {
  let last = at.getTime();
  for (const channel of call.channels.values()) last = Math.max(last, channel.createdAt.getTime(), channel.hungUpAt?.getTime() ?? 0);
  for (const leg of call.legs) last = Math.max(last, leg.begin.getTime(), leg.end?.getTime() ?? 0);
  return last === at.getTime() ? at : new Date(last);
}

/** When the tracker first saw a call: its first channel's creation. */
function firstSeen(call: Call): number {
  let first = Number.POSITIVE_INFINITY;
  for (const channel of call.channels.values()) first = Math.min(first, channel.createdAt.getTime());
  return first;
}

/** The line is not in the call now (never was, or has left it). */
function absent(call: Call, line: string): boolean {
  const presence = call.presence.get(line);
  return presence === undefined || presence === 'left';
}

const EMPTY: AmiEvent = { kind: 'event', event: '', fields: [] };

/** The event's own time (`Timestamp`, with timestampevents = yes), else when it arrived. */
export function eventTime(event: AmiEvent, receivedAt: Date): Date {
  const stamp = Number(field(event, 'Timestamp')) * 1000;
  // A Timestamp far from the time of receipt is a broken clock or a broken frame, not the event's time.
  const plausible = Number.isFinite(stamp) && stamp > 0 && (Number.isNaN(receivedAt.getTime()) || Math.abs(stamp - receivedAt.getTime()) < MAX_CLOCK_SKEW_MS);
  return plausible ? new Date(Math.round(stamp)) : receivedAt;
}

/** CoreShowChannel's `Duration` (HH:MM:SS) in ms; 0 when it is missing, malformed or beyond belief (over a year). */
function durationMs(duration: string | undefined): number {
  const match = /^(\d{1,4}):([0-5]\d):([0-5]\d)$/.exec(duration ?? '');
  if (match === null) return 0;
  const ms = ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000;
  return ms <= MAX_CLOCK_SKEW_MS * 52 ? ms : 0;
}
