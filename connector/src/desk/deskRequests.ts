import type { ClientMessage, DeskErrorCode, DeskLine, DeskUser, LiveCall, ServerMessage } from '@cc/protocol';
import type { Database } from '../db/database.js';
import { createTask, findActivity, saveActivity } from '../db/repositories/deskActivitiesRepository.js';
import { deskCallStats, listDeskCalls, markNotificationsSeen, listNotifications } from '../db/repositories/deskCallsRepository.js';
import { addContactNumber, contactCard, createContact, searchContacts, searchPartners } from '../db/repositories/deskContactsRepository.js';
import { setLanguage } from '../db/repositories/deskUsersRepository.js';
import type { ExchangeConfig } from '../db/repositories/recorderConfigRepository.js';
import { ConnectorError } from '../errors.js';
import { formatInternational } from '../phone/phoneNumbers.js';
import { decideDial } from './dialPolicy.js';
import type { RateLimiter } from './rateLimiter.js';

/** A refusal with its protocol code; the hub sends it as an `error` answer. */
export class DeskRequestError extends Error {
  constructor(readonly code: DeskErrorCode, message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'DeskRequestError';
  }
}

/** Who is asking: the logged-in user and the lines that are theirs. */
export interface Requester {
  readonly user: DeskUser;
  readonly lines: readonly DeskLine[];
}

export interface RequestContext {
  readonly database: Database;
  readonly exchanges: readonly ExchangeConfig[];
  readonly incomingActivityType: string;
  readonly outgoingActivityType: string;
  readonly matchAddressType: string;
  readonly denyPrefixes: readonly string[];
  readonly dialLimiter: RateLimiter;
  readonly now: () => Date;
  /** A call ringing, up or recently ended on a line (what the pop-up showed). */
  findCall(exchangeId: number, callId: string, line: string): LiveCall | undefined;
  /** Re-reads changed contact numbers now; returns how many earlier calls got a contact. */
  refreshContacts(): Promise<number>;
  /** The pop-ups showing this number get the new contact facts. */
  contactsChanged(e164: string): Promise<void>;
  exchangeConnected(exchangeId: number): boolean;
  originate(exchange: ExchangeConfig, line: string, dialled: string): Promise<void>;
}

type Handled = Exclude<ClientMessage, { type: 'hello' | 'connect' | 'disconnect' }>;

export const isManager = (user: DeskUser): boolean => user.role === 'manager' || user.role === 'admin';

/** Answers one request of a logged-in user (connect, disconnect and hello belong to the hub). */
export async function answerRequest(ctx: RequestContext, who: Requester, message: Handled): Promise<ServerMessage> {
  const { id } = message;
  switch (message.type) {
    case 'calls.list': {
      const exchangeIds = [...new Set(who.lines.map((l) => l.exchangeId))];
      const base = { limit: message.limit, exchangeIds: null, type: null, since: null, userId: who.user.id };
      const query = {
        mine: base,
        // The missed calls are one list the team (everyone on the user's exchanges) shares.
        missed: { ...base, userId: null, exchangeIds: isManager(who.user) ? null : exchangeIds, type: 'missed' as const },
        today: { ...base, since: localMidnight(ctx.now()) },
        all: { ...base, userId: null },
      }[message.filter];
      if (message.filter === 'all' && !isManager(who.user)) throw new DeskRequestError('FORBIDDEN', 'only managers see everyone\'s calls');
      return { type: 'calls.list', id, calls: await listDeskCalls(ctx.database, query, formatInternational) };
    }
    case 'calls.stats': {
      const since = new Date(localMidnight(ctx.now()).getTime() - (message.days - 1) * 86_400_000);
      return { type: 'calls.stats', id, stats: await deskCallStats(ctx.database, who.user.id, since, (d) => d.toLocaleDateString('en-CA')) };
    }
    case 'contacts.search':
      return { type: 'contacts.search', id, contacts: await searchContacts(ctx.database, message.query) };
    case 'partners.search':
      return { type: 'partners.search', id, partners: await searchPartners(ctx.database, message.query) };
    case 'contacts.assign':
    case 'contacts.create': {
      const call = ownCall(ctx, who, message);
      if (call.remoteNumber === null) throw new DeskRequestError('NOT_FOUND', 'this call has no outside number to give to a contact');
      const number = { addressType: ctx.matchAddressType, display: formatInternational(call.remoteNumber), e164: call.remoteNumber };
      let contactPersonId: number;
      if (message.type === 'contacts.assign') {
        contactPersonId = message.contactPersonId;
        await addContactNumber(ctx.database, contactPersonId, number.addressType, number.display, number.e164, ctx.now());
      } else {
        contactPersonId = await createContact(ctx.database, { firstName: message.firstName, lastName: message.lastName, partner: message.partner }, number, ctx.now());
      }
      // The contact has its number now, whatever follows: re-labelling and the pop-ups catch up later if they fail here.
      const relabelled = await ctx.refreshContacts().catch(() => 0);
      await ctx.contactsChanged(call.remoteNumber).catch(() => undefined);
      const card = await contactCard(ctx.database, contactPersonId);
      if (card === undefined) throw new DeskRequestError('NOT_FOUND', `contact person ${contactPersonId} does not exist`);
      return { type: 'contacts.saved', id, contact: { ...card, addressType: ctx.matchAddressType }, relabelled };
    }
    case 'activity.save': {
      const call = ownCall(ctx, who, message);
      const saved = await saveActivity(ctx.database, {
        activityType: call.activityType, subject: call.remoteDisplay, contactPersonId: message.contactPersonId,
        responsibleUserId: who.user.id, note: message.note, call: { exchangeId: call.exchangeId, callId: call.callId, line: call.line },
      }, ctx.now());
      return { type: 'activity.saved', id, ...saved };
    }
    case 'task.create': {
      const owner = await findActivity(ctx.database, message.activityId);
      if (owner === undefined) throw new DeskRequestError('NOT_FOUND', `activity ${message.activityId} does not exist`);
      if (owner.responsibleUserId !== who.user.id && !isManager(who.user)) throw new DeskRequestError('FORBIDDEN', 'the activity is another user\'s');
      const dueAt = message.dueAt === null ? null : new Date(message.dueAt);
      const taskId = await createTask(ctx.database, { activityId: message.activityId, subject: message.subject, note: message.note, dueAt, responsibleUserId: who.user.id, owner }, ctx.now());
      return { type: 'task.created', id, taskId };
    }
    case 'dial':
      return dial(ctx, who, message);
    case 'notifications.list':
      return { type: 'notifications.list', id, notifications: await listNotifications(ctx.database, who.user.id, 100) };
    case 'notifications.seen':
      await markNotificationsSeen(ctx.database, who.user.id, message.ids, ctx.now());
      return { type: 'ok', id, request: message.type };
    case 'language.set':
      await setLanguage(ctx.database, who.user.id, message.language);
      return { type: 'ok', id, request: message.type };
  }
}

/** The call a request names, which must be on one of the user's own lines (a manager may act on any). */
function ownCall(ctx: RequestContext, who: Requester, ref: { exchangeId: number; callId: string; line: string }): LiveCall {
  const own = who.lines.some((l) => l.exchangeId === ref.exchangeId && l.line === ref.line);
  if (!own && !isManager(who.user)) throw new DeskRequestError('FORBIDDEN_LINE', `line ${ref.line} is not yours`);
  const call = ctx.findCall(ref.exchangeId, ref.callId, ref.line);
  if (call === undefined) throw new DeskRequestError('NOT_FOUND', `no call ${ref.callId} on line ${ref.line} is known to the desk`);
  return call;
}

async function dial(ctx: RequestContext, who: Requester, message: Extract<ClientMessage, { type: 'dial' }>): Promise<ServerMessage> {
  // Only the user's own line is ever the origin, whatever the role.
  const line = message.line === null ? who.lines[0] : who.lines.find((l) => l.line === message.line);
  if (line === undefined) {
    throw new DeskRequestError('FORBIDDEN_LINE', message.line === null ? 'you have no line to dial from' : `line ${message.line} is not yours`);
  }
  const exchange = ctx.exchanges.find((e) => e.id === line.exchangeId);
  if (exchange === undefined) throw new DeskRequestError('NOT_FOUND', `exchange ${line.exchangeId} is not served`);
  const decision = decideDial(message.number, {
    rules: { country: exchange.countryCode, outsideLinePrefix: exchange.outsideLinePrefix, internationalPrefix: exchange.internationalPrefix },
    lines: new Set(exchange.lines.map((l) => l.line)),
    denyPrefixes: ctx.denyPrefixes,
  });
  if (!decision.ok) throw new DeskRequestError(decision.code, decision.message);
  if (!ctx.exchangeConnected(exchange.id)) throw new DeskRequestError('EXCHANGE_DOWN', `${exchange.name} is not connected; try again later`);
  const waitMs = ctx.dialLimiter.take(`user:${who.user.id}`, ctx.now().getTime());
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new DeskRequestError('DIAL_RATE_LIMITED', `too many calls dialled in a minute; try again in ${seconds} s`, seconds);
  }
  try {
    await ctx.originate(exchange, line.line, decision.dialled);
  } catch (error) {
    if (error instanceof ConnectorError && error.code.startsWith('AMI_')) throw new DeskRequestError('EXCHANGE_DOWN', `the exchange refused the call: ${error.message}`);
    throw error;
  }
  return { type: 'dial.accepted', id: message.id, line: line.line, dialled: decision.dialled };
}

function localMidnight(now: Date): Date {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d;
}
