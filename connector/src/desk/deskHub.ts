import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CLOSE_CODES, MAX_CLIENT_FRAME_BYTES, parseClientMessage,
  type CallEventMessage, type ClientMessage, type DeskError, type DeskLine, type DeskNotification, type DeskUser, type LiveCall, type ServerMessage,
} from '@cc/protocol';
import type { ExchangeConfig } from '../db/repositories/recorderConfigRepository.js';
import { describeError, isConnectorError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { answerRequest, DeskRequestError, isManager, type RequestContext } from './deskRequests.js';
import { LiveCallBoard, type LineMessage } from './liveCallBoard.js';
import type { DeskSessions } from './sessions.js';

/** How the hub reaches the recorder (the desk's only window on the calls). */
export interface DeskRecorder {
  setLineConnected(exchangeId: number, line: string, connected: boolean): void;
}

export interface DeskHubOptions extends Omit<RequestContext, 'findCall' | 'contactsChanged'> {
  readonly sessions: DeskSessions;
  readonly recorder: DeskRecorder;
  readonly logger: Logger;
  /** The pop-up's facts for a call that starts ringing: contact cards and who is on the line. */
  enrich(event: Extract<CallEventMessage, { kind: 'ringing' }>): Promise<LiveCall>;
  /** Cards for every pop-up showing a number whose contacts changed. */
  cardsFor(e164: string): Promise<LiveCall['contacts']>;
}

interface Client {
  readonly socket: WebSocket;
  readonly address: string;
  token?: string;
  user?: DeskUser;
  lines: readonly DeskLine[];
  watch: 'own' | 'all' | null;
  expiryTimer?: NodeJS.Timeout;
  /** Frames are answered in the order they came: a connect sent right after hello waits for it. */
  queue: Promise<void>;
  /** The session ended or the socket closed: frames still queued or arriving are dropped unread. */
  closed: boolean;
}

/** Slower than this, the pop-up goes out without the partner facts, which follow as soon as they are read. */
const ENRICH_WAIT_MS = 300;
const HELLO_TIMEOUT_MS = 10_000;
const SESSION_RECHECK_MS = 30_000;
/** Ended calls stay known this long, so that an activity can still be saved for them. */
const RECENT_CALLS = 5_000;

/**
 * The desk's push channel: WebSocket clients log in with a session token,
 * connect to the contact center, and get the pop-ups of the calls on their
 * own lines (a manager may watch every line). Every frame is validated
 * first; a refused one gets a typed error and changes nothing.
 */
export class DeskHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4 * MAX_CLIENT_FRAME_BYTES, clientTracking: false });
  private readonly clients = new Set<Client>();
  private readonly board = new LiveCallBoard();
  private readonly recent = new Map<string, LiveCall>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly recheck: NodeJS.Timeout;
  private readonly context: RequestContext;

  constructor(private readonly options: DeskHubOptions) {
    this.context = {
      ...options,
      findCall: (exchangeId, callId, line) => this.board.get(exchangeId, callId, line) ?? this.recent.get(`${exchangeId}/${callId}/${line}`),
      contactsChanged: (e164) => this.contactsChanged(e164),
    };
    this.recheck = setInterval(() => {
      void this.recheckSessions();
    }, SESSION_RECHECK_MS);
    this.recheck.unref();
  }

  /** HTTP upgrade requests for `/ws` come here. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.accept(ws, request.socket.remoteAddress ?? '');
    });
  }

  /** A call event from the recorder; events of one call are handled in order. */
  callEvent(event: CallEventMessage): void {
    const key = `${event.exchangeId}/${event.callId}`;
    const next = (this.chains.get(key) ?? Promise.resolve()).then(() => this.applyEvent(event)).catch((error: unknown) => {
      this.options.logger.error({ err: describeError(error), call: event.callId }, 'call event not shown on the desk');
    });
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  /** A missed-call notification was stored for a user: their open desks show it. */
  notification(userId: number, notification: DeskNotification): void {
    const text = JSON.stringify({ type: 'notification', notification } satisfies ServerMessage);
    for (const client of this.clients) if (client.user?.id === userId) client.socket.send(text);
  }

  /** A session ended through HTTP (logout): its sockets close at once. */
  sessionRevoked(token: string): void {
    for (const client of this.clients) if (client.token === token) this.endSession(client, 'SESSION_REVOKED');
  }

  close(): void {
    clearInterval(this.recheck);
    for (const client of this.clients) client.socket.terminate();
    this.wss.close();
  }

  private accept(socket: WebSocket, address: string): void {
    const client: Client = { socket, address, lines: [], watch: null, queue: Promise.resolve(), closed: false };
    this.clients.add(client);
    const helloTimer = setTimeout(() => {
      if (client.user === undefined) socket.close(CLOSE_CODES.notAuthenticated, 'no hello');
    }, HELLO_TIMEOUT_MS);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      client.queue = client.queue.then(() => this.onFrame(client, data, isBinary)).catch((error: unknown) => {
        this.options.logger.error({ err: describeError(error) }, 'desk frame not handled');
      });
    });
    socket.on('close', () => {
      clearTimeout(helloTimer);
      this.forget(client);
    });
    socket.on('error', (error) => {
      // ws reports an oversized frame here and closes with 1009; nothing else to do.
      this.options.logger.debug({ err: describeError(error) }, 'desk socket error');
    });
  }

  private async onFrame(client: Client, data: RawData, isBinary: boolean): Promise<void> {
    if (client.closed) return;
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) { this.refuse(client, null, { code: 'MALFORMED', message: 'messages are JSON text frames' }); return; }
    const parsed = parseClientMessage(buffer.toString('utf8'), buffer.length);
    if (!parsed.ok) { this.refuse(client, parsed.id, parsed.error); return; }
    const message = parsed.message;
    try {
      if (message.type === 'hello') { await this.hello(client, message); return; }
      const user = client.user;
      if (user === undefined) { this.refuse(client, message.id, { code: 'NOT_AUTHENTICATED', message: 'send hello with a session token first' }); return; }
      if (message.type === 'connect') { this.connect(client, user, message); return; }
      if (message.type === 'disconnect') {
        this.disconnect(client);
        this.send(client, { type: 'disconnected', id: message.id }); return;
      }
      this.send(client, await answerRequest(this.context, { user, lines: client.lines }, message));
    } catch (error) {
      if (error instanceof DeskRequestError) {
        this.refuse(client, message.id, { code: error.code, message: error.message, ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }) }); return;
      }
      // A record the request names does not exist (a contact deleted meanwhile): said as such, nothing was changed.
      if (isConnectorError(error) && error.code === 'NOT_FOUND') { this.refuse(client, message.id, { code: 'NOT_FOUND', message: error.message }); return; }
      if (isConnectorError(error) && error.code === 'INVALID_INPUT') { this.refuse(client, message.id, { code: 'MALFORMED', message: error.message }); return; }
      this.options.logger.error({ err: describeError(error), request: message.type }, 'desk request failed');
      this.refuse(client, message.id, { code: 'UNAVAILABLE', message: 'the connector could not do this now; try again' });
    }
  }

  private async hello(client: Client, message: Extract<ClientMessage, { type: 'hello' }>): Promise<void> {
    if (client.user !== undefined) { this.refuse(client, message.id, { code: 'MALFORMED', message: 'this socket is logged in already' }); return; }
    const check = await this.options.sessions.check(message.token);
    if (!check.ok) {
      this.refuse(client, message.id, check.error);
      client.closed = true;
      client.socket.close(CLOSE_CODES.notAuthenticated, check.error.code);
      return;
    }
    client.token = message.token;
    client.user = check.user;
    client.lines = linesOf(this.options.exchanges, check.user.id);
    this.armExpiry(client, check.expiresAt);
    this.send(client, { type: 'welcome', id: message.id, user: check.user, lines: client.lines, expiresAt: check.expiresAt.toISOString() });
  }

  private connect(client: Client, user: DeskUser, message: Extract<ClientMessage, { type: 'connect' }>): void {
    if (message.scope === 'all' && !isManager(user)) {
      this.refuse(client, message.id, { code: 'FORBIDDEN', message: 'only managers may watch every line' }); return;
    }
    if (client.watch === null) {
      for (const line of client.lines) this.options.recorder.setLineConnected(line.exchangeId, line.line, true);
    }
    client.watch = message.scope;
    this.send(client, { type: 'connected', id: message.id, scope: message.scope, calls: this.board.snapshot((ex, line) => watches(client, ex, line)) });
  }

  private disconnect(client: Client): void {
    if (client.watch === null) return;
    client.watch = null;
    for (const line of client.lines) this.options.recorder.setLineConnected(line.exchangeId, line.line, false);
  }

  /** Ends the session when it expires; a timer cannot wait longer than ~24 days, so a longer one is re-armed then. */
  private armExpiry(client: Client, expiresAt: Date): void {
    const left = expiresAt.getTime() - this.options.now().getTime();
    const wait = Math.max(0, Math.min(2 ** 31 - 1, left));
    client.expiryTimer = setTimeout(() => {
      if (wait < left) this.armExpiry(client, expiresAt);
      else this.endSession(client, 'SESSION_EXPIRED');
    }, wait);
  }

  private forget(client: Client): void {
    client.closed = true;
    this.disconnect(client);
    clearTimeout(client.expiryTimer);
    this.clients.delete(client);
  }

  private endSession(client: Client, code: 'SESSION_EXPIRED' | 'SESSION_REVOKED'): void {
    this.send(client, { type: 'session.end', code });
    this.forget(client);
    client.socket.close(CLOSE_CODES.sessionEnded, code);
  }

  private async recheckSessions(): Promise<void> {
    for (const client of [...this.clients]) {
      if (client.token === undefined) continue;
      const check = await this.options.sessions.check(client.token).catch(() => undefined);
      if (check === undefined || client.closed) continue; // the database does not answer now: next time
      if (!check.ok) {
        this.endSession(client, check.error.code === 'SESSION_EXPIRED' ? 'SESSION_EXPIRED' : 'SESSION_REVOKED');
        continue;
      }
      // A user whose role or lines changed logs in again and gets what they may have now.
      const lines = linesOf(this.options.exchanges, check.user.id);
      const sameLines = lines.map((l) => `${l.exchangeId}/${l.line}`).join() === client.lines.map((l) => `${l.exchangeId}/${l.line}`).join();
      if (check.user.role !== client.user?.role || !sameLines) this.endSession(client, 'SESSION_REVOKED');
    }
  }

  private async applyEvent(event: CallEventMessage): Promise<void> {
    switch (event.kind) {
      case 'ringing': {
        const full = this.options.enrich(event);
        const timer = new Promise<undefined>((resolve) => setTimeout(resolve, ENRICH_WAIT_MS, undefined).unref());
        // A database that fails is like one that is slow: the pop-up must open anyway.
        const call = await Promise.race([full.catch(() => undefined), timer]);
        if (call !== undefined) {
          this.push(this.board.ringing(call));
          return;
        }
        // The pop-up opens with the number alone; the facts follow when they come, without holding up the call's next events.
        this.push(this.board.ringing(bareCall(event, event.direction === 'inbound' ? this.options.incomingActivityType : this.options.outgoingActivityType)));
        full.then((late) => {
          this.push(this.board.contacts(event.exchangeId, event.callId, event.line, late.contacts));
        }, (error: unknown) => {
          this.options.logger.warn({ err: describeError(error), call: event.callId }, 'contact facts for a pop-up could not be read');
        });
        return;
      }
      case 'answered':
        this.push(this.board.answered(event.exchangeId, event.callId, event.line, event.at));
        return;
      case 'left':
        this.remember(event.exchangeId, event.callId, event.line);
        this.push(this.board.left(event.exchangeId, event.callId, event.line));
        return;
      case 'ended':
        for (const line of event.lines) this.remember(event.exchangeId, event.callId, line);
        this.push(this.board.ended(event.exchangeId, event.callId));
        return;
    }
  }

  private remember(exchangeId: number, callId: string, line: string): void {
    const call = this.board.get(exchangeId, callId, line);
    if (call === undefined) return;
    this.recent.set(`${exchangeId}/${callId}/${line}`, call);
    if (this.recent.size > RECENT_CALLS) this.recent.delete(this.recent.keys().next().value ?? '');
  }

  private async contactsChanged(e164: string): Promise<void> {
    const cards = await this.options.cardsFor(e164);
    for (const call of this.board.snapshot(() => true)) {
      if (call.remoteNumber === e164) this.push(this.board.contacts(call.exchangeId, call.callId, call.line, cards));
    }
    for (const [key, call] of this.recent) if (call.remoteNumber === e164) this.recent.set(key, { ...call, contacts: cards });
  }

  private push(messages: readonly LineMessage[]): void {
    for (const { exchangeId, line, message } of messages) {
      const text = JSON.stringify(message);
      for (const client of this.clients) if (watches(client, exchangeId, line)) client.socket.send(text);
    }
  }

  private send(client: Client, message: ServerMessage): void {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(message));
  }

  private refuse(client: Client, id: string | null, error: DeskError): void {
    this.send(client, { type: 'error', id, ...error });
  }
}

function watches(client: Client, exchangeId: number, line: string): boolean {
  if (client.watch === 'all') return true;
  if (client.watch !== 'own') return false;
  return client.lines.some((l) => l.exchangeId === exchangeId && l.line === line);
}

/** The user's own active lines, from the configuration the recorder loaded. */
export function linesOf(exchanges: readonly ExchangeConfig[], userId: number): DeskLine[] {
  return exchanges.flatMap((exchange) => exchange.lines
    .filter((l) => l.userId === userId && l.active)
    .map((l) => ({
      exchangeId: exchange.id, exchangeName: exchange.name, line: l.line, phoneNumber: l.phoneNumber,
      autoCloseMissed: l.autoCloseMissed, autoCloseEmpty: l.autoCloseEmpty, autoConnect: l.autoConnect, notifyMissed: l.notifyMissed,
    })));
}

function bareCall(event: Extract<CallEventMessage, { kind: 'ringing' }>, activityType: string): LiveCall {
  return {
    exchangeId: event.exchangeId, callId: event.callId, line: event.line, state: 'ringing', direction: event.direction, internal: event.internal,
    remoteNumber: event.remoteNumber, remoteDisplay: event.remoteNumber ?? event.otherLine ?? '', otherLine: event.otherLine,
    activityType, responsibleUser: null, contacts: [], ringingSince: event.at, answeredAt: null,
  };
}

