import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNotificationId, readShellNotification, readShellState } from './shellBridge.js';

test('a notification is a short title and body; anything else is dropped', () => {
  assert.deepEqual(readShellNotification({ title: 'Missed call', body: '+420601234567', id: 3, extra: true }), { title: 'Missed call', body: '+420601234567' });
  for (const value of [null, undefined, 'Missed call', { title: 'x' }, { title: 1, body: 'x' }, { title: 'x'.repeat(201), body: 'x' }, { title: 'x', body: 'x'.repeat(1001) }]) {
    assert.equal(readShellNotification(value), undefined, JSON.stringify(value));
  }
});

test('a state is one of the three colours and a short reason', () => {
  assert.deepEqual(readShellState({ colour: 'orange', reason: 'The connector cannot be reached' }), { colour: 'orange', reason: 'The connector cannot be reached' });
  for (const value of [null, { colour: 'red', reason: 'x' }, { colour: 'green' }, { colour: 'green', reason: 'x'.repeat(501) }]) {
    assert.equal(readShellState(value), undefined, JSON.stringify(value));
  }
});

test('the notification id is a positive safe integer, else 0', () => {
  assert.equal(readNotificationId({ title: 't', body: 'b', id: 1_732_000_000_001 }), 1_732_000_000_001);
  for (const value of [null, 'x', { id: '5' }, { id: 0 }, { id: -4 }, { id: 1.5 }, { id: Number.MAX_SAFE_INTEGER + 1 }, {}]) {
    assert.equal(readNotificationId(value), 0, JSON.stringify(value));
  }
});
