import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { Secret } from '../../secret.js';
import { field } from '../codec/amiMessage.js';
import { SimulatedAmiServer } from '../simulator/amiServer.js';
import { AmiConnection, type AmiConnectionOptions } from './amiConnection.js';
import type { ConnectionStatus } from './connectionMachine.js';

const silent = pino({ level: 'silent' });
const FAST = { backoffBaseMs: 20, backoffCapMs: 400, keepAliveIntervalMs: 60_000, pingTimeoutMs: 500, connectTimeoutMs: 2_000, loginTimeoutMs: 2_000 };

async function simulator(port = 0): Promise<SimulatedAmiServer> {
  return SimulatedAmiServer.start({ port, username: 'recorder', secret: 'recorder-secret' });
}

function connection(port: number, overrides: Partial<AmiConnectionOptions> = {}): AmiConnection {
  return new AmiConnection({ host: '127.0.0.1', port, username: 'recorder', secret: new Secret('recorder-secret'), timings: FAST, logger: silent, ...overrides });
}

function until(c: AmiConnection, state: ConnectionStatus['state'], reason?: RegExp): Promise<ConnectionStatus> {
  return new Promise((resolve) => {
    const check = (s: ConnectionStatus): void => {
      if (s.state === state && (reason === undefined || reason.test(s.reason ?? ''))) {
        off();
        resolve(s);
      }
    };
    const off = c.onStatus(check);
    check(c.status);
  });
}

test('logs in, answers actions and collects a list up to its Complete event', async () => {
  const pbx = await simulator();
  pbx.handle('CoreShowChannels', () => ({
    response: 'Success',
    fields: [['Message', 'Channels will follow']],
    list: { items: [[['Event', 'CoreShowChannel'], ['Channel', 'PJSIP/201-00000001']], [['Event', 'CoreShowChannel'], ['Channel', 'PJSIP/trunk-00000000']]], completeEvent: 'CoreShowChannelsComplete' },
  }));
  const c = connection(pbx.port);
  try {
    const ready = new Promise<void>((resolve) => c.onReady(resolve));
    c.start();
    await ready;
    assert.equal(c.status.state, 'connected');
    const pong = await c.send('Ping');
    assert.equal(field(pong, 'Ping'), 'Pong');
    const list = await c.sendList('CoreShowChannels');
    assert.deepEqual(list.events.map((e) => field(e, 'Channel')), ['PJSIP/201-00000001', 'PJSIP/trunk-00000000']);
    assert.ok(list.complete);
    assert.equal(field(list.complete, 'ListItems'), '2');
    const unknown = await c.send('Frobnicate');
    assert.equal(field(unknown, 'Message'), 'Invalid/unknown command');
  } finally {
    await c.stop();
    await pbx.stop();
  }
});

test('a wrong password is a clear failure and does not hammer the PBX with logins', async () => {
  const pbx = await simulator();
  let logins = 0;
  pbx.onLogin(() => logins++);
  const attempts: string[] = [];
  const c = connection(pbx.port, { secret: new Secret('wrong'), timings: { ...FAST, backoffCapMs: 60_000 } });
  c.onStatus((s) => attempts.push(s.state));
  try {
    c.start();
    const failed = await until(c, 'failed');
    assert.equal(failed.reason, 'login rejected: Authentication failed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(attempts, ['connecting', 'failed'], 'one attempt, then it waits the longest back-off');
    assert.equal(logins, 0);
    await assert.rejects(c.send('Ping'), { code: 'AMI_NOT_CONNECTED' });
  } finally {
    await c.stop();
    await pbx.stop();
  }
});

test('actions while not connected fail at once with a typed error', async () => {
  const c = connection(1);
  await assert.rejects(c.send('Ping'), { code: 'AMI_NOT_CONNECTED', message: 'AMI Ping not sent: the connection to 127.0.0.1:1 is disconnected' });
});

test('the PBX killed and started again: the connection comes back within the back-off bound, pending actions fail', async () => {
  const first = await simulator();
  const port = first.port;
  first.handle('Slow', () => new Promise(() => undefined));
  const c = connection(port);
  try {
    c.start();
    await until(c, 'connected');
    const pending = c.send('Slow');
    await first.stop();
    await assert.rejects(pending, { code: 'AMI_CONNECTION_LOST' });
    await until(c, 'connecting');
    const down = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await simulator(port);
    const back = Date.now();
    await until(c, 'connected');
    // After the PBX is back, the next attempt comes within one capped back-off (+25 % jitter).
    assert.ok(Date.now() - back <= FAST.backoffCapMs * 1.25 + 250, `reconnected ${Date.now() - back} ms after the PBX was back`);
    assert.ok(back - down >= 250, "the PBX was really away for a while (timers may fire a millisecond early)");
    assert.equal(c.stats.reconnects, 1);
    await second.stop();
  } finally {
    await c.stop();
  }
});

test('a PBX that stops answering (a half-open connection) is noticed by the keep-alive, and left for a new connection', async () => {
  const pbx = await simulator();
  const c = connection(pbx.port, { timings: { ...FAST, keepAliveIntervalMs: 100, pingTimeoutMs: 200 } });
  try {
    c.start();
    await until(c, 'connected');
    pbx.setResponsive(false);
    const lost = await until(c, 'connecting', /no answer to Ping within 200 ms/);
    assert.match(lost.reason ?? '', /half-open/);
    pbx.setResponsive(true);
    await until(c, 'connected');
  } finally {
    await c.stop();
    await pbx.stop();
  }
});

test('two thousand concurrent actions, answered out of order, each get their own answer', async () => {
  const pbx = await simulator();
  pbx.handle('Getvar', async (action) => {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 20)));
    return { response: 'Success', fields: [['Variable', field(action, 'Variable') ?? ''], ['Value', `value-of-${field(action, 'Variable') ?? ''}`]] };
  });
  const c = connection(pbx.port);
  try {
    c.start();
    await until(c, 'connected');
    const names = Array.from({ length: 2_000 }, (_, i) => `V${i}`);
    const answers = await Promise.all(names.map((name) => c.send('Getvar', [['Variable', name]])));
    assert.deepEqual(answers.map((a) => field(a, 'Value')), names.map((n) => `value-of-${n}`));
    assert.equal(new Set(answers.map((a) => a.actionId)).size, 2_000, 'every ActionID unique');
  } finally {
    await c.stop();
    await pbx.stop();
  }
});

test('event filters set after login restrict what the PBX sends', async () => {
  const pbx = await simulator();
  const c = connection(pbx.port, { eventFilters: ['Event: (Newchannel|Hangup)', 'Variable: MIXMONITOR_FILENAME'] });
  const received: string[] = [];
  c.onEvent((e) => received.push(`${e.event}:${field(e, 'Variable') ?? ''}`));
  try {
    const ready = new Promise<void>((resolve) => c.onReady(resolve));
    c.start();
    await ready;
    for (const fields of [
      [['Event', 'Newchannel'], ['Channel', 'PJSIP/201-1']],
      [['Event', 'VarSet'], ['Variable', 'BRIDGEPEER'], ['Value', 'x']],
      [['Event', 'VarSet'], ['Variable', 'MIXMONITOR_FILENAME'], ['Value', '/var/spool/x.wav']],
      [['Event', 'RTCPSent'], ['Channel', 'PJSIP/201-1']],
      [['Event', 'Hangup'], ['Channel', 'PJSIP/201-1']],
    ] as const) pbx.broadcast(fields);
    await c.send('Ping');
    assert.deepEqual(received, ['Newchannel:', 'VarSet:MIXMONITOR_FILENAME', 'Hangup:']);
  } finally {
    await c.stop();
    await pbx.stop();
  }
});

test('a list handled in the stream is applied before any event that came after it, even in the same packet', async () => {
  const pbx = await simulator();
  pbx.handle('CoreShowChannels', () => {
    // The PBX goes on: a hang-up right behind the list (the reply is written once this handler's promise settles).
    setImmediate(() => {
      pbx.broadcast([['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000001']]);
    });
    return { response: 'Success', fields: [['Message', 'Channels will follow']], list: { items: [[['Event', 'CoreShowChannel'], ['Channel', 'PJSIP/201-00000001']]], completeEvent: 'CoreShowChannelsComplete' } };
  });
  const c = connection(pbx.port);
  const order: string[] = [];
  c.onEvent((e) => order.push(`event ${e.event}`));
  try {
    const ready = new Promise<void>((resolve) => c.onReady(resolve));
    c.start();
    await ready;
    let awaitedAt = -1;
    const list = c.sendList('CoreShowChannels', [], 2_000, (result) => order.push(`list ${String(result.events.length)}`));
    await list;
    awaitedAt = order.length;
    for (let i = 0; i < 100 && !order.includes('event Hangup'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(order.filter((o) => o.startsWith('list') || o === 'event Hangup'), ['list 1', 'event Hangup']);
    assert.ok(awaitedAt >= 1);
  } finally {
    await c.stop();
    await pbx.stop();
  }
});
