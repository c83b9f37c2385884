/**
 * The AMI connection as an explicit state table (pure):
 * connecting → awaiting-banner → logging-in → ready, and on any failure
 * waiting (capped exponential back-off with jitter) → connecting again,
 * forever, until stopped. Keep-alive: a Ping every interval, and a missing
 * answer within the timeout is a dead (maybe half-open) connection.
 * A rejected login waits the longest back-off, so a wrong password never
 * becomes a reconnect storm.
 */
export type ConnectionState =
  | { readonly name: 'idle' }
  | { readonly name: 'connecting'; readonly attempt: number }
  | { readonly name: 'awaiting-banner'; readonly attempt: number }
  | { readonly name: 'logging-in'; readonly attempt: number }
  | { readonly name: 'ready'; readonly pingOutstanding: boolean }
  | { readonly name: 'waiting'; readonly attempt: number; readonly reason: string }
  | { readonly name: 'stopped' };

export type ConnectionInput =
  | { readonly type: 'start' }
  | { readonly type: 'stop' }
  | { readonly type: 'socket-open' }
  | { readonly type: 'socket-closed'; readonly reason: string }
  | { readonly type: 'banner' }
  | { readonly type: 'login-accepted' }
  | { readonly type: 'login-rejected'; readonly message: string }
  | { readonly type: 'timer'; readonly timer: TimerName };

export type TimerName = 'connect' | 'banner' | 'login' | 'keepalive' | 'pong' | 'retry';

/** What the outside world sees (GET /health, the tray icon). */
export interface ConnectionStatus {
  readonly state: 'connecting' | 'connected' | 'failed' | 'disconnected';
  readonly reason: string | null;
}

export type ConnectionEffect =
  | { readonly type: 'open-socket' }
  | { readonly type: 'close-socket' }
  | { readonly type: 'send-login' }
  | { readonly type: 'send-ping' }
  | { readonly type: 'set-timer'; readonly timer: TimerName; readonly ms: number }
  | { readonly type: 'clear-timers' }
  | { readonly type: 'clear-timer'; readonly timer: TimerName }
  | { readonly type: 'fail-pending'; readonly reason: string }
  | { readonly type: 'became-ready' }
  | { readonly type: 'report'; readonly status: ConnectionStatus };

export interface ConnectionTimings {
  readonly connectTimeoutMs: number;
  readonly loginTimeoutMs: number;
  readonly keepAliveIntervalMs: number;
  readonly pingTimeoutMs: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
}

export const DEFAULT_TIMINGS: ConnectionTimings = {
  connectTimeoutMs: 10_000,
  loginTimeoutMs: 10_000,
  keepAliveIntervalMs: 15_000,
  pingTimeoutMs: 5_000,
  backoffBaseMs: 500,
  backoffCapMs: 30_000,
};

export type Transition =
  | { readonly ok: true; readonly state: ConnectionState; readonly effects: readonly ConnectionEffect[] }
  | { readonly ok: false; readonly error: string };

/** The delay before attempt `attempt` (0-based): base·2^attempt, capped, with ±25 % jitter. */
export function backoffDelay(attempt: number, timings: ConnectionTimings, random: number): number {
  const exponential = Math.min(timings.backoffCapMs, timings.backoffBaseMs * 2 ** Math.min(attempt, 30));
  return Math.round(exponential * (0.75 + 0.5 * random));
}

export function transition(state: ConnectionState, input: ConnectionInput, timings: ConnectionTimings, random: number): Transition {
  const next = (to: ConnectionState, ...effects: ConnectionEffect[]): Transition => ({ ok: true, state: to, effects });
  const retry = (attempt: number, reason: string, status: ConnectionStatus['state'], delayMs?: number): Transition =>
    next(
      { name: 'waiting', attempt, reason },
      { type: 'clear-timers' },
      { type: 'close-socket' },
      { type: 'fail-pending', reason },
      { type: 'set-timer', timer: 'retry', ms: delayMs ?? backoffDelay(attempt, timings, random) },
      { type: 'report', status: { state: status, reason } },
    );

  if (input.type === 'stop') {
    if (state.name === 'stopped') return next(state);
    return next(
      { name: 'stopped' },
      { type: 'clear-timers' },
      { type: 'close-socket' },
      { type: 'fail-pending', reason: 'the AMI connection was stopped' },
      { type: 'report', status: { state: 'disconnected', reason: 'stopped' } },
    );
  }

  switch (state.name) {
    case 'idle':
      if (input.type === 'start') return connect(0, null);
      break;
    case 'connecting':
      if (input.type === 'socket-open') {
        return next({ name: 'awaiting-banner', attempt: state.attempt }, { type: 'clear-timer', timer: 'connect' }, { type: 'set-timer', timer: 'banner', ms: timings.loginTimeoutMs });
      }
      if (input.type === 'socket-closed') return retry(state.attempt + 1, input.reason, 'connecting');
      if (input.type === 'timer' && input.timer === 'connect') return retry(state.attempt + 1, `no TCP connection within ${timings.connectTimeoutMs} ms`, 'connecting');
      break;
    case 'awaiting-banner':
      if (input.type === 'banner') {
        return next({ name: 'logging-in', attempt: state.attempt }, { type: 'clear-timer', timer: 'banner' }, { type: 'send-login' }, { type: 'set-timer', timer: 'login', ms: timings.loginTimeoutMs });
      }
      if (input.type === 'socket-closed') return retry(state.attempt + 1, input.reason, 'connecting');
      if (input.type === 'timer' && input.timer === 'banner') return retry(state.attempt + 1, 'the peer sent no Asterisk Call Manager banner', 'failed');
      break;
    case 'logging-in':
      if (input.type === 'login-accepted') {
        return next(
          { name: 'ready', pingOutstanding: false },
          { type: 'clear-timer', timer: 'login' },
          { type: 'set-timer', timer: 'keepalive', ms: timings.keepAliveIntervalMs },
          { type: 'became-ready' },
          { type: 'report', status: { state: 'connected', reason: null } },
        );
      }
      if (input.type === 'login-rejected') {
        // The PBX answered: retrying soon cannot help, so wait the longest back-off.
        return retry(state.attempt + 1, `login rejected: ${input.message}`, 'failed', timings.backoffCapMs);
      }
      if (input.type === 'socket-closed') return retry(state.attempt + 1, input.reason, 'connecting');
      if (input.type === 'timer' && input.timer === 'login') return retry(state.attempt + 1, `no answer to Login within ${timings.loginTimeoutMs} ms`, 'failed');
      break;
    case 'ready':
      if (input.type === 'timer' && input.timer === 'keepalive') {
        return next({ name: 'ready', pingOutstanding: true }, { type: 'send-ping' }, { type: 'set-timer', timer: 'pong', ms: timings.pingTimeoutMs });
      }
      if (input.type === 'timer' && input.timer === 'pong') {
        return retry(0, `no answer to Ping within ${timings.pingTimeoutMs} ms (connection dead or half-open)`, 'connecting');
      }
      if (input.type === 'socket-closed') return retry(0, `connection lost: ${input.reason}`, 'connecting');
      break;
    case 'waiting':
      if (input.type === 'timer' && input.timer === 'retry') return connect(state.attempt, state.reason);
      if (input.type === 'socket-closed') return next(state);
      break;
    case 'stopped':
      if (input.type === 'socket-closed') return next(state);
      break;
  }
  return { ok: false, error: `unexpected ${describeInput(input)} in state ${state.name}` };

  function connect(attempt: number, lastReason: string | null): Transition {
    return next(
      { name: 'connecting', attempt },
      { type: 'open-socket' },
      { type: 'set-timer', timer: 'connect', ms: timings.connectTimeoutMs },
      { type: 'report', status: { state: 'connecting', reason: lastReason } },
    );
  }
}

/** A Ping answered in time: the keep-alive starts over. */
export function pongReceived(state: ConnectionState, timings: ConnectionTimings): Transition {
  if (state.name !== 'ready') return { ok: false, error: `unexpected pong in state ${state.name}` };
  return {
    ok: true,
    state: { name: 'ready', pingOutstanding: false },
    effects: [{ type: 'clear-timer', timer: 'pong' }, { type: 'set-timer', timer: 'keepalive', ms: timings.keepAliveIntervalMs }],
  };
}

function describeInput(input: ConnectionInput): string {
  return input.type === 'timer' ? `timer ${input.timer}` : input.type;
}
