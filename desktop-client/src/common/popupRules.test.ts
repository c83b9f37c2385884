import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterCallGone } from './popupRules.js';

const plain = { autoCloseMissed: false, autoCloseEmpty: false };
const empty = { note: '', saved: false };

test('a colleague answered: the pop-up closes at once, whatever the line says', () => {
  assert.deepEqual(afterCallGone({ reason: 'answered-elsewhere', missed: false }, plain, { note: 'typed', saved: false }), { close: true });
});

test('a missed call closes by itself only on a line that auto-closes missed-call forms', () => {
  assert.deepEqual(afterCallGone({ reason: 'left', missed: true }, plain, empty), { close: false, ended: 'missed' });
  assert.deepEqual(afterCallGone({ reason: 'ended', missed: true }, { ...plain, autoCloseMissed: true }, empty), { close: true });
});

test('after a call that was up, an empty form closes on a line that says so; a written or saved one stays', () => {
  const line = { ...plain, autoCloseEmpty: true };
  assert.deepEqual(afterCallGone({ reason: 'ended', missed: false }, line, { note: '  ', saved: false }), { close: true });
  assert.deepEqual(afterCallGone({ reason: 'ended', missed: false }, line, { note: 'Call back Monday', saved: false }), { close: false, ended: 'finished' });
  assert.deepEqual(afterCallGone({ reason: 'ended', missed: false }, line, { note: '', saved: true }), { close: false, ended: 'finished' });
  assert.deepEqual(afterCallGone({ reason: 'left', missed: false }, plain, empty), { close: false, ended: 'finished' });
  assert.deepEqual(afterCallGone({ reason: 'left', missed: false }, undefined, empty), { close: false, ended: 'finished' }, 'a line the desk does not know: nothing closes by itself');
});
