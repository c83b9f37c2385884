import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ConnectorError, describeError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import type { Secret } from '../../secret.js';
import { field, type AmiEvent, type AmiField, type AmiResponse } from '../codec/amiMessage.js';
import { AmiFrameDecoder } from '../codec/frameDecoder.js';
import { encodeAction } from '../codec/frameEncoder.js';
import {
  DEFAULT_TIMINGS, pongReceived, transition,
  type ConnectionEffect, type ConnectionInput, type ConnectionState, type ConnectionStatus, type ConnectionTimings, type TimerName, type Transition,
} from './connectionMachine.js';

export interface AmiConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: Secret;
  readonly timings?: Partial<ConnectionTimings>;
  /** Whitelist filters sent with the AMI Filter action after every login, e.g. `Event: Newchannel`. */
  readonly eventFilters?: readonly string[];
  readonly actionTimeoutMs?: number;
  readonly logger: Logger;
  /** For tests: the jitter source. */
  readonly random?: () => number;
}

export interface ListResult {
  readonly response: AmiResponse;
  /** The events of the list, without the closing `…Complete` event. */
  readonly events: readonly AmiEvent[];
  /** The closing event; undefined when the PBX refused the action (Response: Error) and sent no list. */
  readonly complete: AmiEvent | undefined;
}

interface Pending {
  readonly resolve: (value: AmiResponse | ListResult) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  readonly list: boolean;
  readonly inStream?: (result: ListResult) => void;
  response?: AmiResponse;
  events?: AmiEvent[];
}

type Listener<T> = (value: T) => void;

/**
 * One AMI connection, kept up forever: the socket side of connectionMachine.ts.
 * Every action gets a unique ActionID (a random per-connection prefix and a
 * counter) and its own answer; list actions (CoreShowChannels, QueueStatus …)
 * are collected up to their `…Complete` event; actions sent while not
 * connected fail at once with AMI_NOT_CONNECTED.
 */
export class AmiConnection {
  private state: ConnectionState = { name: 'idle' };
  private currentStatus: ConnectionStatus & { since: Date } = { state: 'disconnected', reason: 'not started', since: new Date() };
  private socket: Socket | undefined;
  private decoder = new AmiFrameDecoder();
  private lastSocketError: string | undefined;
  private readonly timers = new Map<TimerName, NodeJS.Timeout>();
  private readonly pending = new Map<string, Pending>();
  private readonly idPrefix = `cc${randomBytes(4).toString('hex')}`;
  private nextId = 0;
  private readonly timings: ConnectionTimings;
  private readonly listeners = { event: new Set<Listener<AmiEvent>>(), status: new Set<Listener<ConnectionStatus>>(), ready: new Set<Listener<void>>() };
  readonly stats = { framesSkipped: 0, reconnects: 0 };

  constructor(private readonly options: AmiConnectionOptions) {
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
  }

  get status(): ConnectionStatus & { since: Date } {
    return this.currentStatus;
  }

  start(): void {
    this.input({ type: 'start' });
  }

  async stop(): Promise<void> {
    if (this.state.name === 'ready') {
      // A polite goodbye; the answer does not matter.
      await this.send('Logoff', [], 1_000).catch(() => undefined);
    }
    this.input({ type: 'stop' });
  }

  onEvent(listener: Listener<AmiEvent>): () => void {
    return this.subscribe(this.listeners.event, listener);
  }

  onStatus(listener: Listener<ConnectionStatus>): () => void {
    return this.subscribe(this.listeners.status, listener);
  }

  /** After every successful login and setup: the moment to re-read live calls (CoreShowChannels). */
  onReady(listener: Listener<void>): () => void {
    return this.subscribe(this.listeners.ready, listener);
  }

  /** Sends an action and resolves with its response (an `Error` response is a response, not a rejection). */
  send(action: string, args: readonly AmiField[] = [], timeoutMs = this.options.actionTimeoutMs ?? 10_000): Promise<AmiResponse> {
    return this.request(action, args, timeoutMs, false) as Promise<AmiResponse>;
  }

  /**
   * Sends a list action and resolves once its `…Complete` event has come.
   * `inStream` runs at that very point of the event stream, before any later
   * event reaches the listeners (a resync must not miss or reorder events).
   */
  sendList(action: string, args: readonly AmiField[] = [], timeoutMs = this.options.actionTimeoutMs ?? 10_000, inStream?: (result: ListResult) => void): Promise<ListResult> {
    return this.request(action, args, timeoutMs, true, inStream) as Promise<ListResult>;
  }

  private request(action: string, args: readonly AmiField[], timeoutMs: number, list: boolean, inStream?: (result: ListResult) => void): Promise<AmiResponse | ListResult> {
    const loggingIn = this.state.name === 'logging-in' && action === 'Login';
    if (this.state.name !== 'ready' && !loggingIn) {
      return Promise.reject(new ConnectorError('AMI_NOT_CONNECTED', `AMI ${action} not sent: the connection to ${this.where()} is ${this.currentStatus.state}`));
    }
    const actionId = `${this.idPrefix}-${String(++this.nextId)}`;
    let frame: string;
    try {
      frame = encodeAction(action, actionId, args);
    } catch (error) {
      return Promise.reject(new ConnectorError('AMI_BAD_ACTION', describeError(error), { cause: error }));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(actionId);
        reject(new ConnectorError('AMI_TIMEOUT', `no answer to AMI ${action} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(actionId, inStream === undefined ? { resolve, reject, timer, list } : { resolve, reject, timer, list, inStream });
      this.socket?.write(frame);
    });
  }

  private input(input: ConnectionInput): void {
    this.apply(transition(this.state, input, this.timings, (this.options.random ?? Math.random)()), input.type);
  }

  private apply(result: Transition, what: string): void {
    if (!result.ok) {
      this.options.logger.warn({ pbx: this.where() }, `AMI connection: ${result.error}`);
      return;
    }
    if (result.state.name !== this.state.name) this.options.logger.debug({ pbx: this.where(), on: what }, `AMI ${this.state.name} -> ${result.state.name}`);
    this.state = result.state;
    for (const effect of result.effects) this.run(effect);
  }

  private run(effect: ConnectionEffect): void {
    switch (effect.type) {
      case 'open-socket':
        this.openSocket();
        return;
      case 'close-socket':
        this.socket?.destroy();
        this.socket = undefined;
        return;
      case 'send-login':
        this.login();
        return;
      case 'send-ping':
        this.send('Ping', [], this.timings.pingTimeoutMs + 1_000)
          .then(() => {
            if (this.state.name === 'ready') this.apply(pongReceived(this.state, this.timings), 'pong');
          })
          .catch(() => undefined);
        return;
      case 'set-timer': {
        clearTimeout(this.timers.get(effect.timer));
        this.timers.set(effect.timer, setTimeout(() => {
          this.timers.delete(effect.timer);
          this.input({ type: 'timer', timer: effect.timer });
        }, effect.ms));
        return;
      }
      case 'clear-timer':
        clearTimeout(this.timers.get(effect.timer));
        this.timers.delete(effect.timer);
        return;
      case 'clear-timers':
        for (const timer of this.timers.values()) clearTimeout(timer);
        this.timers.clear();
        return;
      case 'fail-pending':
        for (const [id, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(new ConnectorError('AMI_CONNECTION_LOST', `AMI action lost: ${effect.reason}`));
          this.pending.delete(id);
        }
        return;
      case 'became-ready':
        void this.setUp();
        return;
      case 'report': {
        const previous = this.currentStatus;
        this.currentStatus = { ...effect.status, since: new Date() };
        if (previous.state === 'connected' && effect.status.state !== 'connected') this.stats.reconnects++;
        const level = effect.status.state === 'failed' ? 'error' : 'info';
        this.options.logger[level]({ pbx: this.where(), reason: effect.status.reason }, `AMI ${effect.status.state}`);
        this.notify(this.listeners.status, effect.status);
        return;
      }
    }
  }

  private openSocket(): void {
    this.decoder = new AmiFrameDecoder();
    this.lastSocketError = undefined;
    const socket = connect({ host: this.options.host, port: this.options.port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    socket.on('connect', () => {
      if (this.socket === socket) this.input({ type: 'socket-open' });
    });
    socket.on('data', (chunk: Buffer) => {
      if (this.socket === socket) this.receive(chunk);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.lastSocketError = error.code ?? error.message;
    });
    socket.on('close', () => {
      if (this.socket === socket) {
        this.socket = undefined;
        this.input({ type: 'socket-closed', reason: this.lastSocketError ?? 'closed by the PBX' });
      }
    });
  }

  private receive(chunk: Buffer): void {
    for (const item of this.decoder.push(chunk)) {
      if (item.kind === 'problem') {
        this.stats.framesSkipped++;
        this.options.logger.warn({ pbx: this.where(), reason: item.problem.reason, sample: item.problem.sample }, 'AMI frame skipped');
        continue;
      }
      const message = item.message;
      if (message.kind === 'banner') {
        if (this.state.name === 'awaiting-banner') this.input({ type: 'banner' });
      } else if (message.kind === 'response') {
        this.answer(message);
      } else if (message.kind === 'event') {
        this.event(message);
      }
    }
  }

  private answer(response: AmiResponse): void {
    const pending = response.actionId === undefined ? undefined : this.pending.get(response.actionId);
    if (pending === undefined || response.actionId === undefined) return;
    if (pending.list && field(response, 'EventList')?.toLowerCase() === 'start') {
      pending.response = response;
      pending.events = [];
      return;
    }
    this.pending.delete(response.actionId);
    clearTimeout(pending.timer);
    if (pending.list) {
      // A list action that failed (Response: Error) has no list.
      this.completeList(pending, { response, events: [], complete: undefined });
      return;
    }
    pending.resolve(response);
  }

  private event(event: AmiEvent): void {
    const actionId = field(event, 'ActionID');
    const pending = actionId === undefined ? undefined : this.pending.get(actionId);
    if (pending?.list === true && pending.response !== undefined && actionId !== undefined) {
      if (field(event, 'EventList')?.toLowerCase() === 'complete' || event.event.endsWith('Complete')) {
        this.pending.delete(actionId);
        clearTimeout(pending.timer);
        this.completeList(pending, { response: pending.response, events: pending.events ?? [], complete: event });
      } else {
        pending.events?.push(event);
      }
      return;
    }
    this.notify(this.listeners.event, event);
  }

  private completeList(pending: Pending, result: ListResult): void {
    try {
      pending.inStream?.(result);
    } catch (error) {
      this.options.logger.error({ pbx: this.where(), err: describeError(error) }, 'AMI list handler failed');
    }
    pending.resolve(result);
  }

  /** A listener that throws is logged; it never reaches the socket's data handler (where it would end the process). */
  private notify<T>(listeners: Set<Listener<T>>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        this.options.logger.error({ pbx: this.where(), err: describeError(error) }, 'AMI listener failed');
      }
    }
  }

  private login(): void {
    this.send('Login', [['Username', this.options.username], ['Secret', this.options.secret.reveal()], ['Events', 'on']], this.timings.loginTimeoutMs)
      .then((response) => {
        if (this.state.name !== 'logging-in') return;
        if (response.response.toLowerCase() === 'success') this.input({ type: 'login-accepted' });
        else this.input({ type: 'login-rejected', message: field(response, 'Message') ?? response.response });
      })
      .catch(() => undefined);
  }

  private async setUp(): Promise<void> {
    for (const filter of this.options.eventFilters ?? []) {
      const response = await this.send('Filter', [['Operation', 'Add'], ['Filter', filter]]).catch((error: unknown) => error);
      if (!(response instanceof Object && 'response' in response && response.response === 'Success')) {
        this.options.logger.warn({ pbx: this.where(), filter }, 'AMI filter not accepted; the PBX will send more events than needed');
      }
    }
    if (this.state.name === 'ready') this.notify(this.listeners.ready, undefined);
  }

  private where(): string {
    return `${this.options.host}:${String(this.options.port)}`;
  }

  private subscribe<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }
}
