import type { ClientMessage, DeskError, ServerMessage, WelcomeMessage } from '@cc/protocol';

/** What the connection needs of a WebSocket (the browser's, or `ws` under Node in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type LinkStatus = 'connecting' | 'open' | 'reconnecting' | 'ended';

/** A request as the caller writes it: the connection adds the id. */
export type Outgoing = ClientMessage extends infer M ? (M extends ClientMessage ? Omit<M, 'id'> : never) : never;
type Push = Extract<ServerMessage, { type: 'call' | 'call.gone' | 'notification' | 'session.end' }>;

export class DeskRequestFailed extends Error {
  constructor(readonly error: DeskError) {
    super(error.message);
    this.name = 'DeskRequestFailed';
  }
}

export interface DeskConnectionOptions {
  readonly url: string;
  readonly token: string;
  readonly open: (url: string) => SocketLike;
  /** Called after every (re)login on the socket; the place to (re)connect to the contact center. */
  readonly onWelcome: (welcome: WelcomeMessage) => void;
  readonly onPush: (message: Push) => void;
  readonly onStatus: (status: LinkStatus) => void;
  readonly requestTimeoutMs?: number;
}

const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000];

/**
 * The desk's end of the push channel: logs in on the socket with the
 * session token, answers requests by id, hands pushes on, and reconnects by
 * itself (with back-off) until the session ends or it is closed.
 */
export class DeskConnection {
  private socket: SocketLike | undefined;
  private attempt = 0;
  private nextId = 1;
  private stopped = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Map<string, { resolve: (m: ServerMessage) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly options: DeskConnectionOptions) {
    this.open();
  }

  request<T extends ServerMessage['type']>(message: Outgoing, expect?: T): Promise<Extract<ServerMessage, { type: T }>> {
    const socket = this.socket;
    if (socket?.readyState !== 1) return Promise.reject(new DeskRequestFailed({ code: 'UNAVAILABLE', message: 'not connected to the connector' }));
    const id = `r${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new DeskRequestFailed({ code: 'UNAVAILABLE', message: 'the connector did not answer' }));
      }, this.options.requestTimeoutMs ?? 15_000);
      this.pending.set(id, {
        resolve: (reply) => {
          if (expect !== undefined && reply.type !== expect) reject(new DeskRequestFailed({ code: 'INTERNAL', message: `expected ${expect}, got ${reply.type}` }));
          else resolve(reply as Extract<ServerMessage, { type: T }>);
        },
        reject, timer,
      });
      socket.send(JSON.stringify({ ...message, id }));
    });
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.socket?.close(1000, 'bye');
    this.failPending('the desk was closed');
  }

  private open(): void {
    this.options.onStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = this.options.open(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.request({ type: 'hello', token: this.options.token }, 'welcome').then((welcome) => {
        this.attempt = 0;
        this.options.onStatus('open');
        this.options.onWelcome(welcome);
      }, (error: unknown) => {
        // A refused session closes the socket with 4401 (nothing to retry). The connector could not check
        // the token just now (its database is away): this socket is given up and the next one tries again.
        if (!(error instanceof DeskRequestFailed) || !['NOT_AUTHENTICATED', 'SESSION_EXPIRED', 'SESSION_REVOKED'].includes(error.error.code)) {
          socket.close(4000, 'hello not answered');
        }
      });
    };
    socket.onmessage = (event) => {
      this.receive(event.data);
    };
    socket.onerror = () => {
      // The close event follows; reconnecting is decided there.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.failPending('the connection was lost');
      if (this.stopped) return;
      if (event.code === 4401 || event.code === 4001) {
        this.stopped = true;
        this.options.onStatus('ended');
        return;
      }
      this.options.onStatus('reconnecting');
      const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] ?? 10_000;
      this.attempt += 1;
      this.retry = setTimeout(() => {
        this.open();
      }, delay);
    };
  }

  private receive(data: unknown): void {
    // Pushes carry no id; answers carry the request's.
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      const parsed: unknown = JSON.parse(data);
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { type?: unknown }).type !== 'string') return;
      message = parsed as ServerMessage;
    } catch {
      return;
    }
    if ('id' in message && message.id !== null) {
      const waiting = this.pending.get(message.id);
      if (waiting !== undefined) {
        this.pending.delete(message.id);
        clearTimeout(waiting.timer);
        if (message.type === 'error') {
          const { code, message: text, retryAfterSeconds } = message;
          waiting.reject(new DeskRequestFailed({ code, message: text, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) }));
        } else {
          waiting.resolve(message);
        }
      }
      return;
    }
    if (message.type === 'call' || message.type === 'call.gone' || message.type === 'notification' || message.type === 'session.end') this.options.onPush(message);
  }

  private failPending(why: string): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new DeskRequestFailed({ code: 'UNAVAILABLE', message: why }));
      this.pending.delete(id);
    }
  }
}
