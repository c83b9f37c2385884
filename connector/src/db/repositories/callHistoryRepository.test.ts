import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXED_NOW, openTestDatabase } from '../../testing/demoDatabase.js';
import { Worker } from 'node:worker_threads';
import type { Database } from '../database.js';
import { receivedCall } from './callHistoryFixtures.js';
import { aggregateCallHistory, listCallHistory } from './callHistoryQueries.js';
import { writeCallHistory } from './callHistoryRepository.js';

async function rows(database: Database): Promise<unknown[]> {
  return database.db.selectFrom('call_history').selectAll().orderBy('id').execute();
}

test('a call-history row is written with every field, and its matches with it', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const result = await writeCallHistory(t.database, receivedCall(), FIXED_NOW);
    assert.equal(result.written, true);
    const [entry] = await listCallHistory(t.database, { limit: 10 });
    assert.deepEqual(entry, {
      id: result.id, exchangeId: 1, callId: '1795314107.0', line: '201', type: 'received', internal: false, transferred: false,
      callerNumber: '+420601234567', calledNumber: '+420224000100', contactPersonId: 11, contactName: 'Jan Novák', partnerId: 2,
      partnerName: 'Novák Stavby s.r.o.', responsibleUserId: 2, responsibleUserCode: 'ALICE',
      start: new Date('2026-11-20T08:21:47.661Z'), end: new Date('2026-11-20T08:21:54.731Z'), ringSeconds: 3.01, talkSeconds: 4.04,
      recording: 'in-420601234567-224000100-1795314107.0.wav',
    });
    const matches = await t.database.db.selectFrom('call_history_matches').selectAll().execute();
    assert.deepEqual(matches, [{ call_history_id: result.id, contact_person_id: 11, partner_id: 2 }]);
  } finally {
    await t.cleanup();
  }
});

test('writing the same call and line again changes nothing, even with different (late) values', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const first = await writeCallHistory(t.database, receivedCall(), FIXED_NOW);
    const before = await rows(t.database);
    const again = await writeCallHistory(t.database, receivedCall({ talkSeconds: 99, type: 'missed' }), new Date('2026-11-21T00:00:00Z'));
    assert.deepEqual(again, { written: false, id: first.id });
    assert.deepEqual(await rows(t.database), before);
    assert.equal((await t.database.db.selectFrom('call_history_matches').selectAll().execute()).length, 1);
  } finally {
    await t.cleanup();
  }
});

test('two writers on their own threads and connections, racing over the same calls, leave each row exactly once', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const count = 200;
    const workers = [0, 1].map(() => new Worker(new URL('../../testing/writeCallsWorker.js', import.meta.url), { workerData: { file: t.file, count } }));
    const message = (w: Worker): Promise<unknown> =>
      new Promise((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
    await Promise.all(workers.map(message));
    const done = workers.map((w) => message(w) as Promise<number>);
    for (const w of workers) w.postMessage('go');
    const [a = 0, b = 0] = await Promise.all(done);
    assert.equal(a + b, count, `each call written once between them (${a} + ${b})`);
    assert.equal((await rows(t.database)).length, count);
    assert.equal((await t.database.db.selectFrom('call_history_matches').selectAll().execute()).length, count);
  } finally {
    await t.cleanup();
  }
});

test('another line, another participation of the same line, and another exchange are rows of their own', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    await writeCallHistory(t.database, receivedCall(), FIXED_NOW);
    assert.equal((await writeCallHistory(t.database, receivedCall({ line: '202', responsibleUserId: 3 }), FIXED_NOW)).written, true);
    assert.equal((await writeCallHistory(t.database, receivedCall({ participation: 2 }), FIXED_NOW)).written, true);
    assert.equal((await rows(t.database)).length, 3);
  } finally {
    await t.cleanup();
  }
});

test("a call that rang no line is stored with line '' in the key and read back as no line; a second write is a replay", async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const noLine = receivedCall({ line: null, type: 'missed', responsibleUserId: null, talkSeconds: 0 });
    assert.equal((await writeCallHistory(t.database, noLine, FIXED_NOW)).written, true);
    assert.equal((await writeCallHistory(t.database, noLine, FIXED_NOW)).written, false);
    const stored = await t.database.db.selectFrom('call_history').select(['line']).execute();
    assert.deepEqual(stored, [{ line: '' }]);
    const [entry] = await listCallHistory(t.database, { limit: 5 });
    assert.equal(entry?.line, null);
  } finally {
    await t.cleanup();
  }
});

test('bad rows are refused with a clear error and change nothing', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const bad: readonly [string, ReturnType<typeof receivedCall>, RegExp][] = [
      ['end before start', receivedCall({ end: new Date('2026-11-20T08:00:00Z') }), /end must not be before start/],
      ['a call id longer than the column', receivedCall({ callId: 'x'.repeat(65) }), /callId is longer than 64 characters/],
      ['an empty call id', receivedCall({ callId: ' ' }), /callId must not be empty/],
      ['negative talk time', receivedCall({ talkSeconds: -1 }), /talkSeconds must be a number from 0/],
      ['talk time that is not a number', receivedCall({ talkSeconds: Number.NaN }), /talkSeconds must be a number from 0/],
      ["line ''", receivedCall({ line: '' }), /line must be null or an extension/],
      ['participation 0', receivedCall({ participation: 0 }), /participation must be a whole number from 1/],
      ['an unknown call type', receivedCall({ type: 'forwarded' as 'received' }), /type must be one of received, missed, outgoing/],
    ];
    for (const [what, record, message] of bad) {
      await assert.rejects(writeCallHistory(t.database, record, FIXED_NOW), message, what);
    }
    // A row whose contact does not exist fails on the foreign key, inside the transaction: no row, no match.
    await assert.rejects(writeCallHistory(t.database, receivedCall({ matches: [{ contactPersonId: 99_999, partnerId: null }] }), FIXED_NOW));
    assert.deepEqual(await rows(t.database), []);
    assert.deepEqual(await t.database.db.selectFrom('call_history_matches').selectAll().execute(), []);
  } finally {
    await t.cleanup();
  }
});

test('the history lists newest first, filters by user, type and time, and pages', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const at = (iso: string): Date => new Date(iso);
    await writeCallHistory(t.database, receivedCall({ callId: 'a', start: at('2026-11-18T09:00:00Z'), end: at('2026-11-18T09:01:00Z') }), FIXED_NOW);
    await writeCallHistory(t.database, receivedCall({ callId: 'b', type: 'missed', talkSeconds: 0, start: at('2026-11-19T09:00:00Z'), end: at('2026-11-19T09:00:20Z') }), FIXED_NOW);
    await writeCallHistory(t.database, receivedCall({ callId: 'c', line: '202', responsibleUserId: 3, start: at('2026-11-20T09:00:00Z'), end: at('2026-11-20T09:02:00Z') }), FIXED_NOW);

    const ids = async (filter: Parameters<typeof listCallHistory>[1]): Promise<string[]> =>
      (await listCallHistory(t.database, filter)).map((e) => e.callId);
    assert.deepEqual(await ids({ limit: 10 }), ['c', 'b', 'a']);
    assert.deepEqual(await ids({ limit: 10, responsibleUserId: 2 }), ['b', 'a']);
    assert.deepEqual(await ids({ limit: 10, type: 'missed' }), ['b']);
    assert.deepEqual(await ids({ limit: 10, from: at('2026-11-19T00:00:00Z'), to: at('2026-11-20T00:00:00Z') }), ['b']);
    assert.deepEqual(await ids({ limit: 2 }), ['c', 'b']);
    assert.deepEqual(await ids({ limit: 2, offset: 2 }), ['a']);
  } finally {
    await t.cleanup();
  }
});

test('aggregates count a call that rang two lines once, and sum talk time per UTC hour, type and user', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const at = (iso: string): Date => new Date(iso);
    const missed = { callId: 'm', type: 'missed' as const, talkSeconds: 0, ringSeconds: 20, start: at('2026-11-19T09:10:00Z'), end: at('2026-11-19T09:10:20Z') };
    await writeCallHistory(t.database, receivedCall(missed), FIXED_NOW);
    await writeCallHistory(t.database, receivedCall({ ...missed, line: '202', responsibleUserId: 3 }), FIXED_NOW);
    await writeCallHistory(t.database, receivedCall({ callId: 'r1', talkSeconds: 60, ringSeconds: 5, start: at('2026-11-19T09:20:00Z'), end: at('2026-11-19T09:21:05Z') }), FIXED_NOW);
    await writeCallHistory(t.database, receivedCall({ callId: 'r2', talkSeconds: 30.5, ringSeconds: 2, start: at('2026-11-19T09:40:00Z'), end: at('2026-11-19T09:40:33Z') }), FIXED_NOW);
    await writeCallHistory(t.database, receivedCall({ callId: 'r3', talkSeconds: 10, ringSeconds: 1, start: at('2026-11-19T10:05:00Z'), end: at('2026-11-19T10:05:11Z') }), FIXED_NOW);

    const range = { from: at('2026-11-19T00:00:00Z'), to: at('2026-11-20T00:00:00Z') };
    const overall = await aggregateCallHistory(t.database, { ...range, by: 'none' });
    assert.deepEqual(overall, [
      { utcHour: '2026-11-19T09', type: 'missed', internal: false, key: null, calls: 1, rows: 2, talkSeconds: 0, ringSeconds: 40 },
      { utcHour: '2026-11-19T09', type: 'received', internal: false, key: null, calls: 2, rows: 2, talkSeconds: 90.5, ringSeconds: 7 },
      { utcHour: '2026-11-19T10', type: 'received', internal: false, key: null, calls: 1, rows: 1, talkSeconds: 10, ringSeconds: 1 },
    ].sort((a, b) => a.utcHour.localeCompare(b.utcHour) || a.type.localeCompare(b.type)));

    const byUser = await aggregateCallHistory(t.database, { ...range, by: 'user' });
    const missedByUser = byUser.filter((b) => b.type === 'missed').map((b) => [b.key, b.calls]).sort();
    assert.deepEqual(missedByUser, [[2, 1], [3, 1]]);
  } finally {
    await t.cleanup();
  }
});
