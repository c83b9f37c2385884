import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Secret } from '../../secret.js';
import type { AmiEvent } from '../codec/amiMessage.js';
import { messageToRecord } from '../codec/traceRecord.js';
import { AmiConnection } from '../connection/amiConnection.js';
import { SimulatedAmiServer } from './amiServer.js';
import { parseTrace, replayToSession } from './traceReplay.js';

const TRACES = fileURLToPath(new URL('../../../test-fixtures/ami-traces/', import.meta.url));

function recordedEvents(file: string): Record<string, unknown>[] {
  return readFileSync(`${TRACES}${file}`, 'utf8').trim().split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => 'Event' in record)
    .map(({ t: _t, ...rest }) => rest);
}

test('every recorded trace reaches a client of the simulator unchanged: codec → simulator → connection → codec', async () => {
  const files = readdirSync(TRACES).filter((f) => f.endsWith('.jsonl'));
  assert.equal(files.length, 10);
  for (const file of files) {
    const parsed = parseTrace(readFileSync(`${TRACES}${file}`, 'utf8'));
    assert.ok(parsed.ok, file);
    const pbx = await SimulatedAmiServer.start({ port: 0, username: 'recorder', secret: 'recorder-secret' });
    pbx.onLogin((session) => replayToSession(session, parsed.events, 1_000));
    const connection = new AmiConnection({ host: '127.0.0.1', port: pbx.port, username: 'recorder', secret: new Secret('recorder-secret'), logger: pino({ level: 'silent' }) });
    try {
      const expected = recordedEvents(file);
      const received: AmiEvent[] = [];
      const all = new Promise<void>((resolve) => {
        connection.onEvent((event) => {
          received.push(event);
          if (received.length === expected.length) resolve();
        });
      });
      connection.start();
      await all;
      const records = received.map((event) => {
        const { t: _t, ...rest } = messageToRecord(event, 0);
        return rest;
      });
      assert.deepEqual(records, expected, file);
    } finally {
      await connection.stop();
      await pbx.stop();
    }
  }
});

test('replay keeps the recorded gaps, divided by the speed', async () => {
  const events = [0, 200, 400].map((t, i) => ({ t: 1_000 + t, fields: [['Event', `E${i}`]] as const }));
  const seen: number[] = [];
  const started = Date.now();
  await new Promise<void>((resolve) => {
    replayToSession({ id: 1, loggedIn: true, closed: false, sendEvent: () => seen.push(Date.now() - started), sendRaw: () => undefined }, events, 2, resolve);
  });
  assert.equal(seen.length, 3);
  assert.ok((seen[1] ?? 0) >= 100 && (seen[2] ?? 0) >= 200, `gaps kept: ${seen.join(', ')}`);
});

test('a malformed trace is refused with the line that is wrong', () => {
  assert.deepEqual(parseTrace('{"t":1,"Event":"Ping"}\nnot json\n'), { ok: false, error: 'line 2 is not JSON' });
  assert.deepEqual(parseTrace('{"t":1,"Event":5}\n'), { ok: false, error: 'line 1: Event must be a string' });
  assert.deepEqual(parseTrace('{"t":1,"Banner":"Asterisk Call Manager/11.0.0"}\n'), { ok: false, error: 'the trace holds no events' });
});
