import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centralEuropeanOffsetHours, pragueToUtc } from './pragueTime.js';

test('summer time starts and ends at 01:00 UTC on the last Sundays of March and October', () => {
  assert.equal(centralEuropeanOffsetHours(Date.UTC(2026, 2, 29, 0, 59)), 1);
  assert.equal(centralEuropeanOffsetHours(Date.UTC(2026, 2, 29, 1, 0)), 2);
  assert.equal(centralEuropeanOffsetHours(Date.UTC(2026, 9, 25, 0, 59)), 2);
  assert.equal(centralEuropeanOffsetHours(Date.UTC(2026, 9, 25, 1, 0)), 1);
});

test('a Prague wall-clock time is the UTC instant Intl agrees with', () => {
  const prague = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Prague', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' });
  for (const [month, day] of [[0, 15], [2, 29], [6, 1], [9, 25], [10, 20]] as const) {
    const utc = pragueToUtc(2026, month, day, 9, 30, 0);
    assert.equal(prague.format(new Date(utc)), `${String(day).padStart(2, '0')}/${String(month + 1).padStart(2, '0')}/2026, 09:30`);
  }
});
