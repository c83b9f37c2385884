import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from '../testing/demoDatabase.js';
import { loadContactIndex, refreshContactIndex } from './contactIndexLoader.js';

test('the index loads the seeded TELCC numbers and follows changes, new addresses, deletions and partner moves', async () => {
  const t = await openTestDatabase({ seed: true });
  const { db, dialect } = t.database;
  try {
    const { index, cursor } = await loadContactIndex(t.database, ['TELCC']);
    assert.deepEqual(index.lookup('+420603333444').map((m) => m.contactPersonId), [14, 15]);
    assert.deepEqual(index.lookup('+420224000201'), [], 'TEL addresses are not matched by default');
    assert.deepEqual(await refreshContactIndex(t.database, index, cursor, ['TELCC']), { changes: 0, numbers: [] }, 'nothing changed, nothing moves');

    const later = (s: number): string => dialect.encodeTime(new Date(Date.UTC(2026, 10, 21, 10, 0, s)));
    // Jan Novák's number changes; Petra gets a second number; Eva's address is deleted; Tomáš moves to another partner.
    await db.updateTable('electronic_addresses').set({ value: '+420 601 999 000', number_e164: '+420601999000', updated_at: later(1) }).where('contact_person_id', '=', 11).where('address_type', '=', 'TELCC').execute();
    await db.insertInto('electronic_addresses').values({ contact_person_id: 12, address_type: 'TELCC', value: '777 111 222', number_e164: '+420777111222', updated_at: later(2) }).execute();
    await db.deleteFrom('electronic_addresses').where('contact_person_id', '=', 14).where('address_type', '=', 'TELCC').execute();
    await db.updateTable('contact_persons').set({ partner_id: 2, updated_at: later(3) }).where('id', '=', 16).execute();

    const result = await refreshContactIndex(t.database, index, cursor, ['TELCC']);
    assert.ok(result.changes >= 4);
    assert.deepEqual([...result.numbers].sort(), ['+420601999000', '+420777111222']);
    assert.deepEqual(index.lookup('+420601234567'), []);
    assert.deepEqual(index.lookup('+420601999000').map((m) => m.contactPersonId), [11]);
    assert.deepEqual(index.lookup('+420777111222').map((m) => m.contactPersonId), [12]);
    assert.deepEqual(index.lookup('+420603333444').map((m) => m.contactPersonId), [15], 'the deleted address is gone, the other holder stays');
    assert.deepEqual(index.lookup('+420604555666').map((m) => m.partnerId), [2]);
  } finally {
    await t.cleanup();
  }
});
