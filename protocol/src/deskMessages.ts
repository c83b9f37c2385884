/**
 * The desk's push channel: every message between the connector and a desk
 * client (the desktop client, the browser client, or another integration),
 * documented for integrators in docs/protocol.md. JSON text frames over a
 * WebSocket at `/ws`; times are ISO 8601 UTC strings.
 */
import type { CallType } from './history.js';

export type DeskRole = 'user' | 'manager' | 'admin';
export type DeskLanguage = 'cs' | 'en' | 'pl';
export const DESK_LANGUAGES: readonly DeskLanguage[] = ['cs', 'en', 'pl'];

// ── HTTP: POST /api/login, POST /api/logout ────────────────────────────────

export interface LoginRequest {
  readonly user: string;
  readonly password: string;
}

export interface DeskUser {
  readonly id: number;
  readonly code: string;
  readonly fullName: string;
  readonly role: DeskRole;
  readonly language: DeskLanguage;
}

export interface LoginResponse {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: DeskUser;
}

/** Every refusal, on HTTP (`{ error }`) and on the WebSocket (`{ type: 'error', … }`). */
export type DeskErrorCode =
  | 'NOT_AUTHENTICATED' // no token, or a message before `hello`
  | 'SESSION_EXPIRED'
  | 'SESSION_REVOKED'
  | 'LOGIN_FAILED'
  | 'LOGIN_THROTTLED'
  | 'MALFORMED' // not JSON, not an object, a field of the wrong type
  | 'UNKNOWN_TYPE'
  | 'FRAME_TOO_LARGE'
  | 'FORBIDDEN' // the role does not allow it
  | 'FORBIDDEN_LINE' // another user's line
  | 'NOT_FOUND'
  | 'DIAL_INVALID'
  | 'DIAL_DENIED'
  | 'DIAL_RATE_LIMITED'
  | 'EXCHANGE_DOWN'
  | 'UNAVAILABLE' // the database does not answer now; try again
  | 'INTERNAL';

export interface DeskError {
  readonly code: DeskErrorCode;
  readonly message: string;
  /** LOGIN_THROTTLED and DIAL_RATE_LIMITED: when to try again. */
  readonly retryAfterSeconds?: number;
}

// ── Shared shapes ──────────────────────────────────────────────────────────

export interface DeskLine {
  readonly exchangeId: number;
  readonly exchangeName: string;
  readonly line: string;
  readonly phoneNumber: string | null;
  readonly autoCloseMissed: boolean;
  readonly autoCloseEmpty: boolean;
  readonly autoConnect: boolean;
  readonly notifyMissed: boolean;
}

export interface PartnerFacts {
  readonly id: number;
  readonly abbr: string;
  readonly name: string;
  readonly balance: number;
  readonly currency: string;
  readonly lastCommunicationAt: string | null;
  /** The last few calls with anyone of this partner, newest first. */
  readonly recentCalls: readonly RecentCall[];
}

export interface RecentCall {
  readonly callHistoryId: number;
  readonly type: CallType;
  readonly startedAt: string;
  readonly talkSeconds: number;
  readonly userName: string | null;
}

/** A contact person offered for a call (several may share a number). */
export interface ContactCard {
  readonly contactPersonId: number;
  readonly name: string;
  readonly position: string | null;
  /** The electronic-address type the number was found under (TELCC); null for a search result. */
  readonly addressType: string | null;
  readonly partner: PartnerFacts | null;
  /** The contact's phone numbers (every address with a number), for click-to-dial. */
  readonly phones: readonly ContactPhone[];
}

export interface ContactPhone {
  readonly type: string;
  /** As written on the contact. */
  readonly value: string;
  readonly e164: string;
}

/** A call ringing or up on one of the user's lines: what the pop-up shows. */
export interface LiveCall {
  readonly exchangeId: number;
  readonly callId: string;
  readonly line: string;
  readonly state: 'ringing' | 'up';
  readonly direction: 'inbound' | 'outbound';
  readonly internal: boolean;
  /** The outside party in E.164 (null on internal calls), and as people read it. */
  readonly remoteNumber: string | null;
  readonly remoteDisplay: string;
  readonly otherLine: string | null;
  /** TEP for incoming, TEV for outgoing (from the contact-center settings). */
  readonly activityType: string;
  readonly responsibleUser: string | null;
  readonly contacts: readonly ContactCard[];
  readonly ringingSince: string;
  readonly answeredAt: string | null;
}

/** A line missed a call it rang at and never answered; a line's own unanswered outgoing call is not a missed call. */
export function missedBy(call: Pick<LiveCall, 'state' | 'direction'>): boolean {
  return call.state === 'ringing' && call.direction === 'inbound';
}

export interface CallListEntry {
  readonly callHistoryId: number;
  readonly exchangeId: number;
  readonly callId: string;
  readonly line: string;
  readonly type: CallType;
  readonly internal: boolean;
  readonly remoteNumber: string | null;
  readonly remoteDisplay: string;
  readonly contactName: string | null;
  readonly partnerName: string | null;
  readonly userName: string | null;
  readonly startedAt: string;
  readonly talkSeconds: number;
  readonly ringSeconds: number;
  readonly activityId: number | null;
  /** A missed call: the first later call with the same number that someone answered or made, and who. */
  readonly calledBack: { readonly at: string; readonly by: string | null } | null;
}

export type CallListFilter = 'mine' | 'missed' | 'today' | 'all';

export interface DeskNotification {
  readonly id: number;
  readonly kind: string;
  readonly message: string;
  readonly callHistoryId: number | null;
  readonly remoteNumber: string | null;
  readonly createdAt: string;
  readonly seenAt: string | null;
}

export interface CallStats {
  /** Calls of the user by local day (the connector's time zone: `YYYY-MM-DD`) and type. */
  readonly byDay: readonly { readonly day: string; readonly received: number; readonly missed: number; readonly outgoing: number }[];
  /** Talk time with each partner, most first. */
  readonly byPartner: readonly { readonly partnerId: number; readonly partnerName: string; readonly talkSeconds: number; readonly calls: number }[];
}

// ── Client → connector ─────────────────────────────────────────────────────

/** Requests carry an `id` (1–64 characters) that the answer (or the error) repeats. */
interface Request<T extends string> {
  readonly type: T;
  readonly id: string;
}

export interface HelloRequest extends Request<'hello'> { readonly token: string }
/** Connect to the contact center (K2's Connect button): this user's lines, or every line for a manager. */
export interface ConnectRequest extends Request<'connect'> { readonly scope: 'own' | 'all' }
export type DisconnectRequest = Request<'disconnect'>;
export interface CallsListRequest extends Request<'calls.list'> { readonly filter: CallListFilter; readonly limit: number }
export interface CallsStatsRequest extends Request<'calls.stats'> { readonly days: number }
export interface ContactSearchRequest extends Request<'contacts.search'> { readonly query: string }
export interface PartnerSearchRequest extends Request<'partners.search'> { readonly query: string }
/** Give the call's number to an existing contact person (a TELCC address), which re-labels the call. */
export interface ContactAssignRequest extends Request<'contacts.assign'> {
  readonly exchangeId: number;
  readonly callId: string;
  readonly line: string;
  readonly contactPersonId: number;
}
/** Create a contact person (at an existing partner, a new one, or none) holding the call's number. */
export interface ContactCreateRequest extends Request<'contacts.create'> {
  readonly exchangeId: number;
  readonly callId: string;
  readonly line: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly partner: { readonly id: number } | { readonly newName: string } | null;
}
export interface ActivitySaveRequest extends Request<'activity.save'> {
  readonly exchangeId: number;
  readonly callId: string;
  readonly line: string;
  readonly contactPersonId: number | null;
  readonly note: string;
}
export interface TaskCreateRequest extends Request<'task.create'> {
  readonly activityId: number;
  readonly subject: string;
  readonly dueAt: string | null;
  readonly note: string;
}
/** Click-to-dial from the user's own line (the first one when `line` is null). */
export interface DialRequest extends Request<'dial'> { readonly number: string; readonly line: string | null }
export type NotificationsListRequest = Request<'notifications.list'>;
export interface NotificationsSeenRequest extends Request<'notifications.seen'> { readonly ids: readonly number[] | 'all' }
export interface LanguageRequest extends Request<'language.set'> { readonly language: DeskLanguage }

export type ClientMessage =
  | HelloRequest | ConnectRequest | DisconnectRequest | CallsListRequest | CallsStatsRequest
  | ContactSearchRequest | PartnerSearchRequest | ContactAssignRequest | ContactCreateRequest
  | ActivitySaveRequest | TaskCreateRequest | DialRequest | NotificationsListRequest | NotificationsSeenRequest | LanguageRequest;

export type ClientMessageType = ClientMessage['type'];

// ── Connector → client ─────────────────────────────────────────────────────

interface Reply<T extends string> {
  readonly type: T;
  /** The request's id. */
  readonly id: string;
}

export interface WelcomeMessage extends Reply<'welcome'> {
  readonly user: DeskUser;
  readonly lines: readonly DeskLine[];
  readonly expiresAt: string;
}
export interface ConnectedMessage extends Reply<'connected'> {
  readonly scope: 'own' | 'all';
  /** Calls ringing or up now on the lines watched. */
  readonly calls: readonly LiveCall[];
}
export type DisconnectedMessage = Reply<'disconnected'>;
export interface CallsListMessage extends Reply<'calls.list'> { readonly calls: readonly CallListEntry[] }
export interface CallsStatsMessage extends Reply<'calls.stats'> { readonly stats: CallStats }
export interface ContactsMessage extends Reply<'contacts.search'> { readonly contacts: readonly ContactCard[] }
export interface PartnersMessage extends Reply<'partners.search'> {
  readonly partners: readonly { readonly id: number; readonly abbr: string; readonly name: string }[];
}
export interface ContactSavedMessage extends Reply<'contacts.saved'> {
  readonly contact: ContactCard;
  /** Earlier calls of the number that now carry the contact. */
  readonly relabelled: number;
}
export interface ActivitySavedMessage extends Reply<'activity.saved'> {
  readonly activityId: number;
  /** Null while the call is not yet in the history; the link is made when its row is written. */
  readonly callHistoryId: number | null;
}
export interface TaskCreatedMessage extends Reply<'task.created'> { readonly taskId: number }
export interface DialAcceptedMessage extends Reply<'dial.accepted'> {
  readonly line: string;
  /** The number as the exchange dials it (outside-line prefix applied). */
  readonly dialled: string;
}
export interface NotificationsMessage extends Reply<'notifications.list'> { readonly notifications: readonly DeskNotification[] }
export interface OkMessage extends Reply<'ok'> { readonly request: ClientMessageType }
export interface ErrorMessage extends DeskError {
  readonly type: 'error';
  /** The request's id, when it had a readable one. */
  readonly id: string | null;
}

/** Pushed while connected. */
export interface CallPushMessage { readonly type: 'call'; readonly call: LiveCall }
/** The call is over for this line (hung up, answered elsewhere, transferred on). */
export interface CallGoneMessage {
  readonly type: 'call.gone';
  readonly exchangeId: number;
  readonly callId: string;
  readonly line: string;
  readonly reason: 'answered-elsewhere' | 'left' | 'ended';
  /** The line never answered: a missed call for it. */
  readonly missed: boolean;
}
export interface NotificationPushMessage { readonly type: 'notification'; readonly notification: DeskNotification }
/** The session ends (expired, revoked, the user's password changed); the socket closes after it. */
export interface SessionEndMessage { readonly type: 'session.end'; readonly code: 'SESSION_EXPIRED' | 'SESSION_REVOKED' }

export type ServerMessage =
  | WelcomeMessage | ConnectedMessage | DisconnectedMessage | CallsListMessage | CallsStatsMessage
  | ContactsMessage | PartnersMessage | ContactSavedMessage | ActivitySavedMessage | TaskCreatedMessage
  | DialAcceptedMessage | NotificationsMessage | OkMessage | ErrorMessage
  | CallPushMessage | CallGoneMessage | NotificationPushMessage | SessionEndMessage;

/** The largest text frame the connector reads (larger ones get FRAME_TOO_LARGE; far larger ones close the socket). */
export const MAX_CLIENT_FRAME_BYTES = 16 * 1024;
/** WebSocket close codes the connector uses. */
export const CLOSE_CODES = { sessionEnded: 4001, notAuthenticated: 4401, tooLarge: 1009 } as const;
