/**
 * Live call events: what the recorder pushes to the desk while a call
 * happens (the screen-pop before pickup, DESIGN §1 and §7.2–7.4). One
 * definition serves both sides: the tracker's with `Date` times, the wire
 * with ISO 8601 strings.
 */
interface CallEventBase<T> {
  readonly exchangeId: number;
  /** The call (Asterisk Linkedid); the same id as its call-history rows. */
  readonly callId: string;
  readonly at: T;
}

/** A line is in a call now: its phone rings (inbound), or the party it dialled rings (outbound). */
export interface RingingEvent<T = string> extends CallEventBase<T> {
  readonly kind: 'ringing';
  readonly line: string;
  readonly direction: 'inbound' | 'outbound';
  readonly internal: boolean;
  /** Outside numbers in E.164, extensions as they are. */
  readonly callerNumber: string;
  readonly calledNumber: string;
  /** The outside party in E.164, which the contacts were matched by; null on internal calls. */
  readonly remoteNumber: string | null;
  /** The other line, on an internal call. */
  readonly otherLine: string | null;
}

/** The line answered (or, outbound, was answered): every other line's ringing for this call is over. */
export interface AnsweredEvent<T = string> extends CallEventBase<T> {
  readonly kind: 'answered';
  readonly line: string;
}

/** The line is no longer in the call (it stopped ringing, hung up, or transferred the call on). */
export interface LeftEvent<T = string> extends CallEventBase<T> {
  readonly kind: 'left';
  readonly line: string;
}

/** The call is over for every line still in it. */
export interface EndedEvent<T = string> extends CallEventBase<T> {
  readonly kind: 'ended';
  readonly lines: readonly string[];
}

export type CallEvent<T = string> = RingingEvent<T> | AnsweredEvent<T> | LeftEvent<T> | EndedEvent<T>;

/** A contact person who holds the caller's number (several are all offered; none is picked silently). */
export interface ContactMatch {
  readonly contactPersonId: number;
  readonly partnerId: number | null;
}

/** A ringing event as the desk gets it: with every contact that matched the remote number (or the other line's). */
export type CallEventMessage = (RingingEvent & { readonly contacts: readonly ContactMatch[] }) | AnsweredEvent | LeftEvent | EndedEvent;
