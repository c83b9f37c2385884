import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import type { Database } from '../db/database.js';
import { receivedCall } from '../db/repositories/callHistoryFixtures.js';
import { FIXED_NOW, openTestDatabase } from '../testing/demoDatabase.js';
import { makeTempDir } from '../testing/tempDir.js';
import { CallJournal } from './callJournal.js';
import { HistoryWriter } from './historyWriter.js';

/** The real database, but its transactions fail while `down` is set: a fault-injecting adapter. */
function flaky(real: Database): { database: Database; state: { down: boolean; failures: number } } {
  const state = { down: true, failures: 0 };
  const db = new Proxy(real.db, {
    get(target, property, receiver) {
      if (property === 'transaction' && state.down) {
        return () => {
          state.failures++;
          throw new Error('connect ECONNREFUSED (database down)');
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { database: { ...real, db }, state };
}

test('while the database is down calls wait in the journal; once it is back each is written exactly once, in order', async () => {
  const t = await openTestDatabase({ seed: true });
  const temp = makeTempDir('writer');
  const { database, state } = flaky(t.database);
  const journal = CallJournal.open(temp.dir);
  const writer = new HistoryWriter(database, journal, pino({ level: 'silent' }), () => FIXED_NOW);
  try {
    for (const id of ['c1', 'c2', 'c3']) {
      journal.append([receivedCall({ callId: id })]);
      writer.kick();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(state.failures >= 1);
    assert.equal(journal.pending().length, 3, 'nothing lost while down');
    state.down = false;
    await writer.idle();
    const rows = await t.database.db.selectFrom('call_history').select(['call_id']).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.call_id), ['c1', 'c2', 'c3']);
    // A restart replays nothing twice: the marker says the database has it all.
    journal.close();
    assert.deepEqual(CallJournal.open(temp.dir).pending(), []);
  } finally {
    writer.stop();
    temp.remove();
    await t.cleanup();
  }
});
