import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXED_NOW, openTestDatabase } from '../../testing/demoDatabase.js';
import { receivedCall } from './callHistoryFixtures.js';
import { writeCallHistory } from './callHistoryRepository.js';
import { addMissedCallNotification } from './notificationsRepository.js';
import { relabelHistory } from './relabelRepository.js';

const unknown = { remoteNumber: '+420777111222', callerNumber: '+420777111222', contactPersonId: null, partnerId: null, matches: [] };

test('a number that gets a contact labels its earlier unlabelled calls, and only those', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    await writeCallHistory(t.database, receivedCall({ ...unknown, callId: 'u1' }), FIXED_NOW);
    await writeCallHistory(t.database, receivedCall({ ...unknown, callId: 'u2' }), FIXED_NOW);
    await writeCallHistory(t.database, receivedCall({ callId: 'known' }), FIXED_NOW);
    assert.equal(await relabelHistory(t.database, '+420777111222', [{ contactPersonId: 12, partnerId: 3 }]), 2);
    const rows = await t.database.db.selectFrom('call_history').select(['call_id', 'contact_person_id', 'partner_id']).orderBy('call_id').execute();
    assert.deepEqual(rows, [
      { call_id: 'known', contact_person_id: 11, partner_id: 2 },
      { call_id: 'u1', contact_person_id: 12, partner_id: 3 },
      { call_id: 'u2', contact_person_id: 12, partner_id: 3 },
    ]);
    assert.equal(await relabelHistory(t.database, '+420777111222', [{ contactPersonId: 12, partnerId: 3 }]), 0, 'a second time changes nothing');
  } finally {
    await t.cleanup();
  }
});

test('a number two contacts got offers both on its earlier calls and picks neither', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const { id } = await writeCallHistory(t.database, receivedCall({ ...unknown, callId: 'u1' }), FIXED_NOW);
    assert.equal(await relabelHistory(t.database, '+420777111222', [{ contactPersonId: 14, partnerId: 5 }, { contactPersonId: 15, partnerId: 6 }]), 1);
    const row = await t.database.db.selectFrom('call_history').select(['contact_person_id']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.contact_person_id, null);
    const offered = await t.database.db.selectFrom('call_history_matches').select('contact_person_id').where('call_history_id', '=', id).orderBy('contact_person_id').execute();
    assert.deepEqual(offered.map((o) => o.contact_person_id), [14, 15]);
  } finally {
    await t.cleanup();
  }
});

test('a missed-call notification is added once per user and call', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const { id } = await writeCallHistory(t.database, receivedCall({ type: 'missed', talkSeconds: 0 }), FIXED_NOW);
    assert.equal(await addMissedCallNotification(t.database, 2, id, 'Missed call from +420601234567', FIXED_NOW), 1);
    assert.equal(await addMissedCallNotification(t.database, 2, id, 'Missed call from +420601234567', FIXED_NOW), false);
    assert.equal((await t.database.db.selectFrom('notifications').selectAll().execute()).length, 1);
  } finally {
    await t.cleanup();
  }
});
