import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXED_NOW, openTestDatabase } from '../testing/demoDatabase.js';
import { seedDemoData } from './seedDatabase.js';

test('seeding writes the demo books and a history of the size asked for, inside 18 months', async () => {
  const t = await openTestDatabase({ seed: false });
  try {
    const summary = await seedDemoData(t.database, { historyCalls: 3_000, until: FIXED_NOW });
    assert.equal(summary.partners, 50);
    assert.equal(summary.contacts, 300);
    assert.equal(summary.users, 13);
    assert.equal(summary.lines, 11);
    // Internal calls and ring groups give more rows than calls.
    assert.ok(summary.historyRows >= 3_000 && summary.historyRows < 3_600, String(summary.historyRows));
    const span = await t.database.db
      .selectFrom('call_history')
      .select((eb) => [eb.fn.min<string>('started_at').as('first'), eb.fn.max<string>('started_at').as('last'), eb.fn.count<number>('call_id').distinct().as('calls')])
      .executeTakeFirstOrThrow();
    assert.equal(span.calls, 3_000);
    assert.ok(new Date(span.last) < FIXED_NOW);
    assert.ok(new Date(span.first) > new Date('2025-05-01T00:00:00Z'));
    assert.ok(new Date(span.first) < new Date('2025-06-15T00:00:00Z'));
  } finally {
    await t.cleanup();
  }
});

test('seeding twice is refused and changes nothing', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const count = async (): Promise<number> =>
      (await t.database.db.selectFrom('contact_persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    await assert.rejects(seedDemoData(t.database, { historyCalls: 10, until: FIXED_NOW }), /the database already holds ERP data/);
    assert.equal(await count(), before);
  } finally {
    await t.cleanup();
  }
});

test('two seeded databases hold the same rows (deterministic ids and data)', async () => {
  const a = await openTestDatabase({ seed: true, historyCalls: 200 });
  const b = await openTestDatabase({ seed: true, historyCalls: 200 });
  try {
    for (const table of ['partners', 'contact_persons', 'electronic_addresses', 'users', 'lines', 'call_history'] as const) {
      assert.deepEqual(await a.database.db.selectFrom(table).selectAll().execute(), await b.database.db.selectFrom(table).selectAll().execute(), table);
    }
  } finally {
    await a.cleanup();
    await b.cleanup();
  }
});

test('the history follows working hours in Prague: few calls at night or on Sundays', async () => {
  const t = await openTestDatabase({ seed: true, historyCalls: 4_000 });
  try {
    const starts = (await t.database.db.selectFrom('call_history').select('started_at').execute()).map((r) => new Date(r.started_at));
    const prague = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Prague', hour: '2-digit', weekday: 'short', hourCycle: 'h23' });
    let office = 0;
    let sunday = 0;
    for (const start of starts) {
      const parts = prague.formatToParts(start);
      const hour = Number(parts.find((p) => p.type === 'hour')?.value);
      if (hour >= 8 && hour < 17) office++;
      if (parts.find((p) => p.type === 'weekday')?.value === 'Sun') sunday++;
    }
    assert.ok(office / starts.length > 0.85, `share in office hours ${office / starts.length}`);
    assert.ok(sunday / starts.length < 0.02, `share on Sundays ${sunday / starts.length}`);
  } finally {
    await t.cleanup();
  }
});
