import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../log/logger.js';
import { field, type AmiAction, type AmiField } from '../codec/amiMessage.js';
import { AmiFrameDecoder } from '../codec/frameDecoder.js';
import { encodeFields } from '../codec/frameEncoder.js';
import { SessionFilter } from './sessionFilter.js';

export const SIMULATOR_BANNER = 'Asterisk Call Manager/11.0.0';

/** One client of the simulator. */
export interface SimulatorSession {
  readonly id: number;
  readonly loggedIn: boolean;
  /** Sends an event to this session if its mask and filters let it through. */
  sendEvent(fields: readonly AmiField[]): void;
  /** Sends a response or event as it is, filters aside (answers and list items). */
  sendRaw(fields: readonly AmiField[]): void;
  readonly closed: boolean;
}

/** What an action handler answers: the response's headers (after Response and ActionID), and list items if it is a list. */
export type ActionReply =
  | { readonly response: 'Success' | 'Error' | 'Goodbye'; readonly fields: readonly AmiField[]; readonly list?: { readonly items: readonly (readonly AmiField[])[]; readonly completeEvent: string; readonly completeFields?: readonly AmiField[] } };

export type ActionHandler = (action: AmiAction, session: SimulatorSession) => ActionReply | Promise<ActionReply>;

export interface AmiServerOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly username: string;
  readonly secret: string;
  readonly logger?: Logger;
  /** How long a failed Login waits before it is refused (Asterisk: 1 s). */
  readonly failedLoginDelayMs?: number;
}

/**
 * The built-in PBX simulator's AMI side: a real TCP server that speaks AMI as
 * Asterisk 22 does (banner, Login, Logoff, Ping, Events, Filter, list
 * responses), with the PBX behaviour plugged in as action handlers and login
 * hooks (trace replay, generated traffic, click-to-dial).
 */
export class SimulatedAmiServer {
  private readonly sessions = new Set<SessionImpl>();
  private readonly handlers = new Map<string, ActionHandler>();
  private readonly loginHooks: ((session: SimulatorSession) => void)[] = [];
  private responsive = true;
  private nextSessionId = 0;

  private constructor(private readonly server: Server, private readonly options: AmiServerOptions) {}

  static async start(options: AmiServerOptions): Promise<SimulatedAmiServer> {
    const server = createServer();
    const simulator = new SimulatedAmiServer(server, options);
    server.on('connection', (socket) => {
      simulator.accept(socket);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return simulator;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get sessionCount(): number {
    return [...this.sessions].filter((s) => s.loggedIn).length;
  }

  handle(action: string, handler: ActionHandler): void {
    this.handlers.set(action.toLowerCase(), handler);
  }

  /** Runs after each successful login (replay starts here; a live PBX model sends FullyBooted). */
  onLogin(hook: (session: SimulatorSession) => void): void {
    this.loginHooks.push(hook);
  }

  /** An event to every logged-in session that wants it. */
  broadcast(fields: readonly AmiField[]): void {
    for (const session of this.sessions) if (session.loggedIn) session.sendEvent(fields);
  }

  /** False: keep the sockets open but answer nothing (a hung PBX, a half-open connection). */
  setResponsive(responsive: boolean): void {
    this.responsive = responsive;
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.socket.destroy();
    this.sessions.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    const session = new SessionImpl(++this.nextSessionId, socket);
    this.sessions.add(session);
    socket.setNoDelay(true);
    socket.write(`${SIMULATOR_BANNER}\r\n`);
    const decoder = new AmiFrameDecoder({ expectBanner: false });
    socket.on('data', (chunk: Buffer) => {
      if (!this.responsive) return;
      for (const item of decoder.push(chunk)) {
        if (item.kind === 'message' && item.message.kind === 'action') {
          this.dispatch(item.message, session).catch((error: unknown) => {
            this.options.logger?.error({ session: session.id, err: error instanceof Error ? error.message : String(error) }, 'simulator: action failed');
          });
        }
        else if (item.kind === 'problem') this.options.logger?.warn({ session: session.id, reason: item.problem.reason }, 'simulator: malformed AMI input skipped');
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      session.closed = true;
      this.sessions.delete(session);
    });
  }

  private async dispatch(action: AmiAction, session: SessionImpl): Promise<void> {
    const name = action.action.toLowerCase();
    const reply = (response: ActionReply['response'], fields: readonly AmiField[]): void => {
      session.sendRaw([['Response', response], ...(action.actionId === undefined ? [] : [['ActionID', action.actionId] as const]), ...fields]);
    };
    if (name === 'login') {
      if (session.loggedIn) {
        reply('Success', [['Message', 'Already authenticated']]);
        return;
      }
      if (field(action, 'Username') === this.options.username && field(action, 'Secret') === this.options.secret) {
        session.loggedIn = true;
        const events = field(action, 'Events');
        if (events !== undefined) session.filter.setMask(events);
        reply('Success', [['Message', 'Authentication accepted']]);
        for (const hook of this.loginHooks) hook(session);
      } else {
        // As Asterisk's manager: a second's pause, the refusal, and the session is closed.
        await new Promise((resolve) => setTimeout(resolve, this.options.failedLoginDelayMs ?? 1_000));
        reply('Error', [['Message', 'Authentication failed']]);
        session.socket.end();
      }
      return;
    }
    if (!session.loggedIn) {
      reply(name === 'logoff' ? 'Goodbye' : 'Error', [['Message', name === 'logoff' ? 'Thanks for all the fish.' : 'Permission denied']]);
      if (name === 'logoff') session.socket.end();
      return;
    }
    if (name === 'ping') {
      reply('Success', [['Ping', 'Pong'], ['Timestamp', (Date.now() / 1000).toFixed(6)]]);
      return;
    }
    if (name === 'logoff') {
      reply('Goodbye', [['Message', 'Thanks for all the fish.']]);
      session.socket.end();
      return;
    }
    if (name === 'events') {
      reply('Success', [['Events', session.filter.setMask(field(action, 'EventMask') ?? 'off')]]);
      return;
    }
    if (name === 'filter') {
      const filter = field(action, 'Filter');
      if ((field(action, 'Operation') ?? '').toLowerCase() !== 'add' || filter === undefined) {
        reply('Error', [['Message', 'Unknown operation']]);
        return;
      }
      if (!session.filter.addFilter(filter)) {
        reply('Error', [['Message', 'Filter did not compile.  Check the syntax of the filter given.']]);
        return;
      }
      reply('Success', [['Message', 'Success']]);
      return;
    }
    const handler = this.handlers.get(name);
    if (handler === undefined) {
      reply('Error', [['Message', 'Invalid/unknown command']]);
      return;
    }
    let result: ActionReply;
    try {
      result = await handler(action, session);
    } catch (error) {
      this.options.logger?.error({ action: action.action, err: error instanceof Error ? error.message : String(error) }, 'simulator: action failed');
      reply('Error', [['Message', 'Internal error']]);
      return;
    }
    if (result.list === undefined) {
      reply(result.response, result.fields);
      return;
    }
    const id: readonly AmiField[] = action.actionId === undefined ? [] : [['ActionID', action.actionId]];
    reply(result.response, [['EventList', 'start'], ...result.fields]);
    for (const item of result.list.items) session.sendRaw([item[0] ?? ['Event', 'Item'], ...id, ...item.slice(1)]);
    session.sendRaw([
      ['Event', result.list.completeEvent], ...id, ['EventList', 'Complete'], ['ListItems', String(result.list.items.length)],
      ...(result.list.completeFields ?? []),
    ]);
  }
}

class SessionImpl implements SimulatorSession {
  loggedIn = false;
  closed = false;
  readonly filter = new SessionFilter();

  constructor(readonly id: number, readonly socket: Socket) {}

  sendEvent(fields: readonly AmiField[]): void {
    if (this.filter.wants(fields)) this.sendRaw(fields);
  }

  /** Never throws: a header that cannot be encoded is dropped with its message (logged by the caller's server). */
  sendRaw(fields: readonly AmiField[]): void {
    if (this.closed) return;
    let frame: string;
    try {
      frame = encodeFields(fields);
    } catch {
      return;
    }
    this.socket.write(frame);
  }
}
