import type { DeskState } from './store.js';

/**
 * The Electron shell's always-on-top pop-up window shows the main window's
 * pop-ups; it is not a second desk. The main window (the leader) holds the
 * one session and socket, and publishes its pop-ups; the pop-up window (the
 * follower, the page opened with #popup) shows them and sends what the user
 * does there back to the leader to do. Both are pages of the connector's
 * origin, so a BroadcastChannel joins them (in a browser too: a second tab
 * with #popup follows the first).
 */
export type MirroredState = Pick<DeskState, 'popups' | 'language' | 'session' | 'lines' | 'wantsConnected' | 'connected' | 'link' | 'health' | 'dialStatus'>;

type Message =
  | { readonly type: 'hello' }
  | { readonly type: 'state'; readonly state: MirroredState }
  | { readonly type: 'call'; readonly id: number; readonly name: string; readonly args: readonly unknown[] }
  | { readonly type: 'reply'; readonly id: number; readonly value: unknown };

export const isFollower = typeof window !== 'undefined' && window.location.hash === '#popup';

const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('cc-desk-popups');
const waiting = new Map<number, (value: unknown) => void>();
let nextId = 1;

function read(data: unknown): Message | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const type = (data as { type?: unknown }).type;
  return type === 'hello' || type === 'state' || type === 'call' || type === 'reply' ? (data as Message) : undefined;
}

/** The main window: publishes the state the pop-ups need whenever it changes, and does what the pop-up window asks. */
export function lead(snapshot: () => MirroredState, subscribe: (listener: () => void) => void, handlers: Readonly<Record<string, (...args: never[]) => unknown>>): void {
  if (channel === undefined) return;
  let last: MirroredState | undefined;
  const publish = (force: boolean): void => {
    const state = snapshot();
    if (!force && last !== undefined && (Object.keys(state) as (keyof MirroredState)[]).every((k) => state[k] === last?.[k])) return;
    last = state;
    // The session token stays in the window that owns the session.
    channel.postMessage({ type: 'state', state: { ...state, session: state.session === null ? null : { ...state.session, token: '' } } } satisfies Message);
  };
  subscribe(() => {
    publish(false);
  });
  channel.onmessage = (event: MessageEvent) => {
    const message = read(event.data);
    if (message?.type === 'hello') publish(true);
    if (message?.type !== 'call' || typeof message.name !== 'string' || !Object.hasOwn(handlers, message.name)) return;
    const args: unknown = message.args;
    if (!Array.isArray(args)) return;
    const handler = handlers[message.name] as (...values: unknown[]) => unknown;
    void Promise.resolve(handler(...(args as unknown[]))).then((value) => {
      channel.postMessage({ type: 'reply', id: message.id, value } satisfies Message);
    });
  };
}

/** The pop-up window: shows what the leader publishes. */
export function follow(apply: (state: MirroredState) => void): void {
  if (channel === undefined) return;
  channel.onmessage = (event: MessageEvent) => {
    const message = read(event.data);
    if (message?.type === 'state') apply(message.state);
    if (message?.type === 'reply') {
      waiting.get(message.id)?.(message.value);
      waiting.delete(message.id);
    }
  };
  channel.postMessage({ type: 'hello' } satisfies Message);
}

/** Asks the leader to do an action; resolves with its result (undefined when no leader answers in 15 s). */
export function callLeader(name: string, args: readonly unknown[]): Promise<unknown> {
  if (channel === undefined) return Promise.resolve(undefined);
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    setTimeout(() => {
      if (waiting.delete(id)) resolve(undefined);
    }, 15_000);
    channel.postMessage({ type: 'call', id, name, args } satisfies Message);
  });
}
