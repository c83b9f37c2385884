/**
 * What the call tracker knows about the calls it follows, and its
 * JSON-ready snapshot: the recorder journals it so that calls live when the
 * connector died are finished after a restart (DESIGN §5).
 */
export interface Channel {
  readonly name: string;
  /** Asterisk's Uniqueid: the channel that began the call has its call's Linkedid. */
  readonly uniqueid: string;
  readonly line: string | null;
  readonly createdAt: Date;
  readonly callerNumber: string;
  readonly exten: string;
  hungUpAt: Date | undefined;
}

export interface Leg {
  /** The channel that dialled (an attended transfer hands the consultation leg to the transferred party). */
  source: string | null;
  /** The channel dialled (renamed when Asterisk renames it). */
  dest: string;
  readonly dialString: string;
  readonly begin: Date;
  end: Date | undefined;
  status: string | undefined;
  /** Dialled after a blind transfer in this call, or the consultation leg of an attended transfer. */
  afterTransfer: boolean;
}

/** Where a line stands in a live call, for the live call events. */
export type LinePresence = 'ringing' | 'dialling' | 'talking' | 'left';

export interface Call {
  readonly id: string;
  readonly channels: Map<string, Channel>;
  readonly legs: Leg[];
  recording: string | null;
  /** Channels that handed the call on with a blind transfer. */
  readonly transferers: Set<string>;
  /** Lines that took part, and where they stand (live events say when this changes). */
  readonly presence: Map<string, LinePresence>;
  /** Part of it happened while the connector could not see it: its end (or answer) is an estimate. */
  estimated: boolean;
  /** It was live at a resync: what happened before may not have been seen. */
  gap: boolean;
  /** Lines whose user was connected while the call was live: their rows are written whatever the line's settings. */
  readonly kept: Set<string>;
  /** Its outside caller joined a queue (QueueCallerJoin, or seen in Queue() at a resync). */
  queued: boolean;
}

export interface TrackerSnapshot {
  readonly version: 1;
  readonly aliveAt: string | null;
  readonly finished: readonly string[];
  readonly calls: readonly StoredCall[];
  /** Consultation calls merged into a live call by an attended transfer: [its Linkedid, the live call's]. */
  readonly merged?: readonly (readonly [string, string])[];
}

interface StoredCall {
  readonly id: string;
  readonly channels: readonly (Omit<Channel, 'createdAt' | 'hungUpAt'> & { readonly createdAt: string; readonly hungUpAt: string | null })[];
  readonly legs: readonly (Omit<Leg, 'begin' | 'end' | 'status'> & { readonly begin: string; readonly end: string | null; readonly status: string | null })[];
  readonly recording: string | null;
  readonly transferers: readonly string[];
  readonly presence: readonly (readonly [string, LinePresence])[];
  readonly estimated: boolean;
  readonly gap?: boolean;
  readonly queued?: boolean;
  readonly kept?: readonly string[];
}

export function storeCall(call: Call): StoredCall {
  return {
    id: call.id,
    channels: [...call.channels.values()].map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), hungUpAt: c.hungUpAt?.toISOString() ?? null })),
    legs: call.legs.map((l) => ({ ...l, begin: l.begin.toISOString(), end: l.end?.toISOString() ?? null, status: l.status ?? null })),
    recording: call.recording,
    transferers: [...call.transferers],
    presence: [...call.presence],
    estimated: call.estimated,
    gap: call.gap,
    queued: call.queued,
    kept: [...call.kept],
  };
}

export function loadCall(stored: StoredCall): Call {
  return {
    id: stored.id,
    channels: new Map(stored.channels.map((c): [string, Channel] => [c.name, { ...c, createdAt: new Date(c.createdAt), hungUpAt: c.hungUpAt === null ? undefined : new Date(c.hungUpAt) }])),
    legs: stored.legs.map((l) => ({ ...l, begin: new Date(l.begin), end: l.end === null ? undefined : new Date(l.end), status: l.status ?? undefined })),
    recording: stored.recording,
    transferers: new Set(stored.transferers),
    presence: new Map(stored.presence),
    estimated: stored.estimated,
    gap: stored.gap ?? false,
    queued: stored.queued ?? false,
    kept: new Set(stored.kept ?? []),
  };
}

/** A snapshot read back from disk: checked for shape, so that a damaged file is an error, not a crash later. */
export function isTrackerSnapshot(value: unknown): value is TrackerSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<Record<keyof TrackerSnapshot, unknown>>;
  return s.version === 1 && (s.aliveAt === null || typeof s.aliveAt === 'string') && Array.isArray(s.finished) && Array.isArray(s.calls)
    && s.calls.every((c: unknown) => typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'string'
      && Array.isArray((c as { channels?: unknown }).channels) && Array.isArray((c as { legs?: unknown }).legs));
}
