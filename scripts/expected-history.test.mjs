// The hand-written expected call-history rows (connector/test-fixtures/expected-history) are
// checked for their own consistency, so that a slip in writing them shows before a tracker does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('../connector/test-fixtures/', import.meta.url));
const FIELDS = ['callId', 'exchangeId', 'line', 'user', 'type', 'internal', 'transferred', 'callerNumber', 'calledNumber',
  'contactPersonIds', 'partnerIds', 'start', 'end', 'ringSeconds', 'talkSeconds', 'recording'];

test('every recorded trace has its expected rows', () => {
  const traces = readdirSync(`${fixtures}ami-traces`).filter((f) => f.endsWith('.jsonl')).sort();
  const expected = readdirSync(`${fixtures}expected-history`).filter((f) => f.endsWith('.jsonl')).sort();
  assert.deepEqual(expected, traces);
});

test('the rows have exactly the fields of connector replay, and their times add up', () => {
  for (const file of readdirSync(`${fixtures}expected-history`).filter((f) => f.endsWith('.jsonl'))) {
    const rows = readFileSync(`${fixtures}expected-history/${file}`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(rows.length >= 1, file);
    const trace = readFileSync(`${fixtures}ami-traces/${file}`, 'utf8');
    for (const row of rows) {
      assert.deepEqual(Object.keys(row), FIELDS, file);
      assert.ok(['received', 'missed', 'outgoing'].includes(row.type), file);
      assert.ok(trace.includes(`"Linkedid":"${row.callId}"`), `${file}: the call id is the trace's Linkedid`);
      if (row.recording !== null) assert.ok(trace.includes(row.recording), `${file}: the recording is the trace's MixMonitor file`);
      const span = (Date.parse(row.end) - Date.parse(row.start)) / 1000;
      assert.ok(span >= 0, `${file}: start before end`);
      assert.ok(Math.abs(row.ringSeconds + row.talkSeconds - span) <= 0.2, `${file} line ${row.line}: ring + talk = ${row.ringSeconds + row.talkSeconds}, start → end = ${span}`);
      if (row.type === 'missed') assert.equal(row.talkSeconds, 0, file);
      assert.match(row.callerNumber, row.internal || row.type === 'outgoing' ? /^\d{3}$/ : /^\+\d{8,15}$/, file);
      assert.match(row.calledNumber, row.internal ? /^\d{3}$/ : /^\+\d{8,15}$/, file);
      assert.equal(row.contactPersonIds.length, row.partnerIds.length, file);
    }
  }
});
