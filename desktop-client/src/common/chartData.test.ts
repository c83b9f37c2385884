import { test } from 'node:test';
import assert from 'node:assert/strict';
import { everyDay, partnerMinutes } from './chartData.js';

test('every day of the period has a row, the days without calls with zeros', () => {
  const rows = everyDay([{ day: '2026-11-20', received: 2, missed: 1, outgoing: 0 }, { day: '2026-10-01', received: 9, missed: 0, outgoing: 0 }], '2026-11-22', 3);
  assert.deepEqual(rows, [
    { day: '2026-11-20', received: 2, missed: 1, outgoing: 0 },
    { day: '2026-11-21', received: 0, missed: 0, outgoing: 0 },
    { day: '2026-11-22', received: 0, missed: 0, outgoing: 0 },
  ]);
  assert.equal(everyDay([], '2026-03-30', 3)[0]?.day, '2026-03-28', 'across the change to summer time');
});

test('talk time by partner in minutes, the longest first, only the top ones', () => {
  const partners = [
    { partnerId: 1, partnerName: 'Alfa', talkSeconds: 90, calls: 1 },
    { partnerId: 2, partnerName: 'Beta', talkSeconds: 600, calls: 3 },
    { partnerId: 3, partnerName: 'Gama', talkSeconds: 30, calls: 1 },
  ];
  assert.deepEqual(partnerMinutes(partners, 2), [{ partner: 'Beta', minutes: 10 }, { partner: 'Alfa', minutes: 1.5 }]);
});
