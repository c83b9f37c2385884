import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SessionFilter } from './simulator/sessionFilter.js';
import { TRACKER_EVENT_FILTERS } from './trackerEvents.js';
import { recordToMessage } from './codec/traceRecord.js';

const TRACES = fileURLToPath(new URL('../../test-fixtures/ami-traces/', import.meta.url));

function filter(): SessionFilter {
  const f = new SessionFilter();
  for (const expression of TRACKER_EVENT_FILTERS) assert.ok(f.addFilter(expression), expression);
  return f;
}

test('on the recorded traces, the filters keep every event the tracker uses and drop the bulk', () => {
  const kept = new Map<string, number>();
  const dropped = new Map<string, number>();
  let recording = 0;
  for (const file of readdirSync(TRACES).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(`${TRACES}${file}`, 'utf8').trim().split('\n')) {
      const parsed = recordToMessage(JSON.parse(line));
      if (!parsed.ok || parsed.message.kind !== 'event') continue;
      const { event, fields } = parsed.message;
      const target = filter().wants(fields) ? kept : dropped;
      target.set(event, (target.get(event) ?? 0) + 1);
      if (target === kept && event === 'VarSet') recording++;
    }
  }
  for (const needed of ['Newchannel', 'Newstate', 'DialBegin', 'DialEnd', 'BridgeEnter', 'BridgeLeave', 'Hangup', 'BlindTransfer', 'Unhold',
    'QueueCallerJoin', 'QueueCallerLeave', 'AgentCalled', 'AgentConnect', 'AgentComplete', 'MixMonitorStart', 'OriginateResponse', 'FullyBooted']) {
    assert.ok((kept.get(needed) ?? 0) > 0 && !dropped.has(needed), `${needed} is kept`);
  }
  assert.equal(recording, 9, 'the nine MIXMONITOR_FILENAME VarSets are kept, no other VarSet');
  for (const noise of ['CEL', 'Cdr', 'Newexten', 'RTCPSent', 'RTCPReceived', 'SuccessfulAuth']) assert.ok(!kept.has(noise), `${noise} is dropped`);
  const total = [...kept.values(), ...dropped.values()].reduce((a, b) => a + b, 0);
  const keptCount = [...kept.values()].reduce((a, b) => a + b, 0);
  assert.ok(keptCount / total < 0.4, `${keptCount} of ${total} events kept`);
});

test('a name is matched whole: Newstate does not let NewstateX through', () => {
  assert.equal(filter().wants([['Event', 'NewstateX'], ['Privilege', 'call,all']]), false);
  assert.equal(filter().wants([['Event', 'Newstate'], ['Privilege', 'call,all']]), true);
});

test('the one filter the connection sends lets through exactly what the patterns do, each on its own', async () => {
  const { TRACKER_EVENT_PATTERNS } = await import('./trackerEvents.js');
  assert.equal(TRACKER_EVENT_FILTERS.length, 1, 'one Filter action: no moment after login with only some of them in place');
  const parts = new SessionFilter();
  for (const expression of TRACKER_EVENT_PATTERNS) assert.ok(parts.addFilter(expression), expression);
  let compared = 0;
  for (const file of readdirSync(TRACES).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(`${TRACES}${file}`, 'utf8').trim().split('\n')) {
      const parsed = recordToMessage(JSON.parse(line));
      if (!parsed.ok || parsed.message.kind !== 'event') continue;
      assert.equal(filter().wants(parsed.message.fields), parts.wants(parsed.message.fields), `${file}: ${parsed.message.event}`);
      compared++;
    }
  }
  assert.ok(compared > 1_000);
});
