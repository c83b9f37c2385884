import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryBucket } from '@cc/protocol';
import { lineLoad } from './localBuckets.js';

function bucket(utcHour: string, type: HistoryBucket['type'], calls: number, internal = false): HistoryBucket {
  return { utcHour, type, internal, key: null, calls, rows: calls, talkSeconds: 0, ringSeconds: 0 };
}

test('UTC hours land on Prague hours across the switch to summer time', () => {
  const load = lineLoad([bucket('2026-03-29T00', 'received', 2), bucket('2026-03-29T01', 'received', 3)], 'Europe/Prague', { includeInternal: false });
  assert.equal(load.byHourOfDay[1]?.received, 2, '00 UTC is 01 CET');
  assert.equal(load.byHourOfDay[3]?.received, 3, '01 UTC is 03 CEST');
  assert.equal(load.byHourOfDay[2]?.received, 0, '02 does not exist that night');
});

test('the last UTC hour of October is already November in Prague', () => {
  const load = lineLoad([bucket('2026-10-31T22', 'missed', 1), bucket('2026-10-31T23', 'missed', 4)], 'Europe/Prague', { includeInternal: false });
  assert.deepEqual(load.byMonth, [
    { month: '2026-10', counts: { received: 0, missed: 1, outgoing: 0 } },
    { month: '2026-11', counts: { received: 0, missed: 4, outgoing: 0 } },
  ]);
});

test('internal calls are left out unless asked for', () => {
  const buckets = [bucket('2026-06-01T08', 'outgoing', 5), bucket('2026-06-01T08', 'outgoing', 2, true)];
  assert.equal(lineLoad(buckets, 'Europe/Prague', { includeInternal: false }).byHourOfDay[10]?.outgoing, 5);
  assert.equal(lineLoad(buckets, 'Europe/Prague', { includeInternal: true }).byHourOfDay[10]?.outgoing, 7);
});
