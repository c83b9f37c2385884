import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { receivedCall } from '../db/repositories/callHistoryFixtures.js';
import { makeTempDir } from '../testing/tempDir.js';
import { CallJournal } from './callJournal.js';

test('appended calls survive a restart until the database has them, then the file starts over', () => {
  const temp = makeTempDir('journal');
  try {
    const first = CallJournal.open(temp.dir);
    first.append([receivedCall({ callId: 'a' })]);
    first.append([receivedCall({ callId: 'b' }), receivedCall({ callId: 'b', line: '202' })]);
    first.close();

    const second = CallJournal.open(temp.dir);
    assert.deepEqual(second.pending().map((e) => [e.seq, e.rows.map((r) => `${r.callId}/${r.line ?? ''}`)]), [[1, ['a/201']], [2, ['b/201', 'b/202']]]);
    assert.ok(second.pending()[0]?.rows[0]?.start instanceof Date, 'times come back as times');
    assert.deepEqual(second.pending()[0]?.rows[0], receivedCall({ callId: 'a' }));
    second.markCommitted(1);
    second.close();

    const third = CallJournal.open(temp.dir);
    assert.deepEqual(third.pending().map((e) => e.seq), [2]);
    third.markCommitted(2);
    assert.equal(readFileSync(path.join(temp.dir, 'calls.jsonl'), 'utf8'), '', 'nothing pending: the file is empty again');
    const next = third.append([receivedCall({ callId: 'c' })]);
    assert.equal(next.seq, 3, 'numbering goes on');
    third.close();
  } finally {
    temp.remove();
  }
});

test('a last line cut short by a crash is dropped: that call was never acknowledged', () => {
  const temp = makeTempDir('journal');
  try {
    const journal = CallJournal.open(temp.dir);
    journal.append([receivedCall({ callId: 'a' })]);
    journal.close();
    appendFileSync(path.join(temp.dir, 'calls.jsonl'), '{"seq":2,"rows":[{"callId":"b","exch');
    const reopened = CallJournal.open(temp.dir);
    assert.deepEqual(reopened.pending().map((e) => e.seq), [1]);
    assert.equal(reopened.append([receivedCall({ callId: 'c' })]).seq, 2);
    reopened.close();
    assert.deepEqual(CallJournal.open(temp.dir).pending().map((e) => e.rows[0]?.callId), ['a', 'c']);
  } finally {
    temp.remove();
  }
});
