import {
  DESK_LANGUAGES, MAX_CLIENT_FRAME_BYTES,
  type ClientMessage, type ClientMessageType, type DeskError, type CallListFilter,
} from './deskMessages.js';

/**
 * Reads one text frame from a desk client: `unknown` in, a typed message or
 * a typed refusal out. Pure; the connector runs every frame through it
 * before anything else looks at it.
 */
export type ParsedClientMessage =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly id: string | null; readonly error: DeskError };

type Fields = Readonly<Record<string, unknown>>;

class Invalid extends Error {}

const ID = /^[\w.:-]{1,64}$/;
const FILTERS: readonly CallListFilter[] = ['mine', 'missed', 'today', 'all'];

/** `byteLength` is the frame's size as received (the caller knows it without re-encoding). */
export function parseClientMessage(text: string, byteLength: number): ParsedClientMessage {
  if (byteLength > MAX_CLIENT_FRAME_BYTES) {
    return refuse(null, 'FRAME_TOO_LARGE', `a message may have at most ${MAX_CLIENT_FRAME_BYTES} bytes; this one has ${byteLength}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return refuse(null, 'MALFORMED', 'the message is not JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return refuse(null, 'MALFORMED', 'a message is a JSON object');
  const fields = input as Fields;
  const id = typeof fields.id === 'string' && ID.test(fields.id) ? fields.id : null;
  if (id === null) return refuse(null, 'MALFORMED', 'id must be 1–64 letters, digits or . _ : -');
  if (typeof fields.type !== 'string') return refuse(id, 'MALFORMED', 'type must be a string');
  const read = READERS[fields.type as ClientMessageType] as ((f: Fields, id: string) => ClientMessage) | undefined;
  if (read === undefined || !Object.hasOwn(READERS, fields.type)) return refuse(id, 'UNKNOWN_TYPE', `unknown message type '${fields.type.slice(0, 40)}'`);
  try {
    return { ok: true, message: read(fields, id) };
  } catch (error) {
    if (error instanceof Invalid) return refuse(id, 'MALFORMED', `${fields.type}: ${error.message}`);
    throw error;
  }
}

function refuse(id: string | null, code: DeskError['code'], message: string): ParsedClientMessage {
  return { ok: false, id, error: { code, message } };
}

type Readers = { readonly [K in ClientMessageType]: (f: Fields, id: string) => Extract<ClientMessage, { type: K }> };

const READERS: Readers = {
  hello: (f, id) => ({ type: 'hello', id, token: text(f, 'token', 1, 200) }),
  connect: (f, id) => ({ type: 'connect', id, scope: oneOf(f, 'scope', ['own', 'all'] as const) }),
  disconnect: (_f, id) => ({ type: 'disconnect', id }),
  'calls.list': (f, id) => ({ type: 'calls.list', id, filter: oneOf(f, 'filter', FILTERS), limit: integer(f, 'limit', 1, 500) }),
  'calls.stats': (f, id) => ({ type: 'calls.stats', id, days: integer(f, 'days', 1, 366) }),
  'contacts.search': (f, id) => ({ type: 'contacts.search', id, query: text(f, 'query', 1, 100) }),
  'partners.search': (f, id) => ({ type: 'partners.search', id, query: text(f, 'query', 1, 100) }),
  'contacts.assign': (f, id) => ({ type: 'contacts.assign', id, ...callRef(f), contactPersonId: integer(f, 'contactPersonId', 1, 2 ** 31 - 1) }),
  'contacts.create': (f, id) => ({
    type: 'contacts.create', id, ...callRef(f),
    firstName: text(f, 'firstName', 0, 60), lastName: text(f, 'lastName', 1, 60), partner: partnerChoice(f),
  }),
  'activity.save': (f, id) => ({
    type: 'activity.save', id, ...callRef(f),
    contactPersonId: f.contactPersonId === null ? null : integer(f, 'contactPersonId', 1, 2 ** 31 - 1),
    note: text(f, 'note', 0, 4000),
  }),
  'task.create': (f, id) => ({
    type: 'task.create', id, activityId: integer(f, 'activityId', 1, 2 ** 31 - 1), subject: text(f, 'subject', 1, 200),
    dueAt: f.dueAt === null ? null : isoTime(f, 'dueAt'), note: text(f, 'note', 0, 4000),
  }),
  dial: (f, id) => ({ type: 'dial', id, number: text(f, 'number', 1, 40), line: f.line === null || f.line === undefined ? null : text(f, 'line', 1, 20) }),
  'notifications.list': (_f, id) => ({ type: 'notifications.list', id }),
  'notifications.seen': (f, id) => ({ type: 'notifications.seen', id, ids: f.ids === 'all' ? 'all' : idList(f, 'ids') }),
  'language.set': (f, id) => ({ type: 'language.set', id, language: oneOf(f, 'language', DESK_LANGUAGES) }),
};

function callRef(f: Fields): { exchangeId: number; callId: string; line: string } {
  return { exchangeId: integer(f, 'exchangeId', 1, 2 ** 31 - 1), callId: text(f, 'callId', 1, 64), line: text(f, 'line', 1, 20) };
}

function partnerChoice(f: Fields): { id: number } | { newName: string } | null {
  const p = f.partner;
  if (p === null) return null;
  if (typeof p !== 'object' || Array.isArray(p)) throw new Invalid('partner must be null, {"id": N} or {"newName": "…"}');
  const fields = p as Fields;
  if ('id' in fields) return { id: integer(fields, 'id', 1, 2 ** 31 - 1) };
  return { newName: text(fields, 'newName', 1, 200) };
}

function text(f: Fields, name: string, min: number, max: number): string {
  const value = f[name];
  if (typeof value !== 'string') throw new Invalid(`${name} must be a string`);
  const length = Array.from(value).length;
  if (length < min || length > max) throw new Invalid(`${name} must have ${min}–${max} characters, it has ${length}`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) throw new Invalid(`${name} contains control characters`);
  return value;
}

function integer(f: Fields, name: string, min: number, max: number): number {
  const value = f[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Invalid(`${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function oneOf<T extends string>(f: Fields, name: string, allowed: readonly T[]): T {
  const value = f[name];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new Invalid(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function isoTime(f: Fields, name: string): string {
  const value = text(f, name, 10, 40);
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Invalid(`${name} must be an ISO 8601 date or time`);
  }
  return value;
}

function idList(f: Fields, name: string): number[] {
  const value = f[name];
  if (!Array.isArray(value) || value.length === 0 || value.length > 500) throw new Invalid(`${name} must be "all" or a list of 1–500 ids`);
  return value.map((_, i) => integer(value as unknown as Fields, String(i), 1, 2 ** 31 - 1));
}
