import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  backoffDelay, DEFAULT_TIMINGS, pongReceived, transition,
  type ConnectionEffect, type ConnectionInput, type ConnectionState, type Transition,
} from './connectionMachine.js';

const T = { ...DEFAULT_TIMINGS, backoffBaseMs: 100, backoffCapMs: 10_000 };

function step(state: ConnectionState, input: ConnectionInput, random = 0.5): { state: ConnectionState; effects: readonly ConnectionEffect[] } {
  const result: Transition = transition(state, input, T, random);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return { state: result.state, effects: result.effects };
}

function walk(...inputs: ConnectionInput[]): { state: ConnectionState; effects: readonly ConnectionEffect[] } {
  let current: { state: ConnectionState; effects: readonly ConnectionEffect[] } = { state: { name: 'idle' }, effects: [] };
  for (const input of inputs) current = step(current.state, input);
  return current;
}

const READY: ConnectionInput[] = [{ type: 'start' }, { type: 'socket-open' }, { type: 'banner' }, { type: 'login-accepted' }];

test('start opens a socket with a connect timeout and reports connecting', () => {
  assert.deepEqual(walk({ type: 'start' }), {
    state: { name: 'connecting', attempt: 0 },
    effects: [{ type: 'open-socket' }, { type: 'set-timer', timer: 'connect', ms: T.connectTimeoutMs }, { type: 'report', status: { state: 'connecting', reason: null } }],
  });
});

test('socket, banner, login: ready, with keep-alive armed, and reported connected', () => {
  assert.deepEqual(walk({ type: 'start' }, { type: 'socket-open' }).state, { name: 'awaiting-banner', attempt: 0 });
  const login = walk({ type: 'start' }, { type: 'socket-open' }, { type: 'banner' });
  assert.deepEqual(login.effects, [{ type: 'clear-timer', timer: 'banner' }, { type: 'send-login' }, { type: 'set-timer', timer: 'login', ms: T.loginTimeoutMs }]);
  assert.deepEqual(walk(...READY), {
    state: { name: 'ready', pingOutstanding: false },
    effects: [
      { type: 'clear-timer', timer: 'login' }, { type: 'set-timer', timer: 'keepalive', ms: T.keepAliveIntervalMs },
      { type: 'became-ready' }, { type: 'report', status: { state: 'connected', reason: null } },
    ],
  });
});

test('keep-alive: a Ping with a deadline; its answer re-arms the interval', () => {
  const pinging = step(walk(...READY).state, { type: 'timer', timer: 'keepalive' });
  assert.deepEqual(pinging.effects, [{ type: 'send-ping' }, { type: 'set-timer', timer: 'pong', ms: T.pingTimeoutMs }]);
  const answered = pongReceived(pinging.state, T);
  assert.ok(answered.ok);
  assert.deepEqual(answered.effects, [{ type: 'clear-timer', timer: 'pong' }, { type: 'set-timer', timer: 'keepalive', ms: T.keepAliveIntervalMs }]);
});

test('no answer to Ping in time: the connection is dead, closed, and retried soon', () => {
  const pinging = step(walk(...READY).state, { type: 'timer', timer: 'keepalive' });
  const dead = step(pinging.state, { type: 'timer', timer: 'pong' });
  const reason = `no answer to Ping within ${T.pingTimeoutMs} ms (connection dead or half-open)`;
  assert.deepEqual(dead.state, { name: 'waiting', attempt: 0, reason });
  assert.deepEqual(dead.effects, [
    { type: 'clear-timers' }, { type: 'close-socket' }, { type: 'fail-pending', reason },
    { type: 'set-timer', timer: 'retry', ms: 100 }, { type: 'report', status: { state: 'connecting', reason } },
  ]);
});

test('a rejected login is reported as failed and waits the longest back-off: no reconnect storm', () => {
  const rejected = walk({ type: 'start' }, { type: 'socket-open' }, { type: 'banner' }, { type: 'login-rejected', message: 'Authentication failed' });
  assert.equal(rejected.state.name, 'waiting');
  assert.ok(rejected.effects.some((e) => e.type === 'set-timer' && e.timer === 'retry' && e.ms === T.backoffCapMs));
  assert.ok(rejected.effects.some((e) => e.type === 'report' && e.status.state === 'failed' && e.status.reason === 'login rejected: Authentication failed'));
});

test('failures before login back off more each time; the retry keeps the attempt count', () => {
  const first = walk({ type: 'start' }, { type: 'socket-closed', reason: 'ECONNREFUSED' });
  assert.deepEqual(first.state, { name: 'waiting', attempt: 1, reason: 'ECONNREFUSED' });
  assert.ok(first.effects.some((e) => e.type === 'set-timer' && e.timer === 'retry' && e.ms === 200));
  const again = step(first.state, { type: 'timer', timer: 'retry' });
  assert.deepEqual(again.state, { name: 'connecting', attempt: 1 });
  const second = step(again.state, { type: 'socket-closed', reason: 'ECONNREFUSED' });
  assert.ok(second.effects.some((e) => e.type === 'set-timer' && e.timer === 'retry' && e.ms === 400));
});

test('a connection that was up and drops is retried at once from the first back-off step', () => {
  const lost = step(walk(...READY).state, { type: 'socket-closed', reason: 'ECONNRESET' });
  assert.deepEqual(lost.state, { name: 'waiting', attempt: 0, reason: 'connection lost: ECONNRESET' });
  assert.ok(lost.effects.some((e) => e.type === 'fail-pending'));
});

test('back-off doubles, is capped, and jitters by at most a quarter either way', () => {
  assert.deepEqual([0, 1, 2, 3].map((a) => backoffDelay(a, T, 0.5)), [100, 200, 400, 800]);
  assert.equal(backoffDelay(50, T, 0.5), 10_000);
  assert.equal(backoffDelay(50, T, 0), 7_500);
  assert.equal(backoffDelay(50, T, 0.999_999), 12_500);
});

test('stop ends every state, fails what is pending and reports disconnected', () => {
  const stopped = step(walk(...READY).state, { type: 'stop' });
  assert.deepEqual(stopped.state, { name: 'stopped' });
  assert.ok(stopped.effects.some((e) => e.type === 'fail-pending'));
  assert.deepEqual(stopped.effects.at(-1), { type: 'report', status: { state: 'disconnected', reason: 'stopped' } });
  assert.deepEqual(step(stopped.state, { type: 'socket-closed', reason: 'x' }).state, { name: 'stopped' });
});

test('an input the state does not expect is reported, not silently dropped', () => {
  assert.deepEqual(transition(walk(...READY).state, { type: 'banner' }, T, 0.5), { ok: false, error: 'unexpected banner in state ready' });
  assert.deepEqual(transition({ name: 'idle' }, { type: 'timer', timer: 'pong' }, T, 0.5), { ok: false, error: 'unexpected timer pong in state idle' });
});
