import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../testing/demoDatabase.js';
import { findContactsByE164, findContactsByNumber } from './contactsRepository.js';

const CZ = { country: 'CZ', internationalPrefix: '00' };
const TELCC = ['TELCC'];

/** Every way DESIGN §7.5 says people write a Czech number, for the national digits given. */
function czechForms(national: string): string[] {
  const [a, b, c] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
  return [`+420 ${a} ${b} ${c}`, national, `00420${national}`, `(${a}) ${b}-${c}`, `${a}/${b} ${c}`, `${a} ${b} ${c}   `, `+420${national}`, `+420-${a}-${b}-${c}`];
}

test('each trace caller is found by number in every typed form, with the partner behind them', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const expected: readonly (readonly [string, string, string])[] = [
      ['601234567', 'Jan Novák', 'Novák Stavby s.r.o.'],
      ['601234568', 'Petra Svobodová', 'Svoboda Logistika a.s.'],
      ['602111222', 'Karel Dvořák', 'Dvořák Elektro s.r.o.'],
      ['604555666', 'Tomáš Procházka', 'Procházka Strojírny s.r.o.'],
    ];
    for (const [national, name, partner] of expected) {
      for (const form of czechForms(national)) {
        const matches = await findContactsByNumber(t.database, form, CZ, TELCC);
        assert.deepEqual(matches.map((m) => `${m.firstName} ${m.lastName} / ${m.partnerName ?? ''}`), [`${name} / ${partner}`], form);
        assert.equal(matches[0]?.addressType, 'TELCC');
      }
    }
  } finally {
    await t.cleanup();
  }
});

test('a number two contacts share offers both, nothing is picked silently', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    for (const form of czechForms('603333444')) {
      const matches = await findContactsByNumber(t.database, form, CZ, TELCC);
      assert.deepEqual(matches.map((m) => `${m.firstName} ${m.lastName}`).sort(), ['Eva Černá', 'Martin Černý'], form);
    }
  } finally {
    await t.cleanup();
  }
});

test('every seeded TELCC address, as it was typed, finds its own contact; Polish and German numbers too', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const addresses = await t.database.db
      .selectFrom('electronic_addresses')
      .select(['contact_person_id', 'value', 'number_e164'])
      .where('address_type', '=', 'TELCC')
      .execute();
    assert.ok(addresses.length >= 300);
    assert.ok(addresses.some((a) => a.number_e164?.startsWith('+48')), 'some Polish numbers');
    assert.ok(addresses.some((a) => a.number_e164?.startsWith('+49')), 'some German numbers');
    for (const address of addresses) {
      const matches = await findContactsByNumber(t.database, address.value, CZ, TELCC);
      assert.ok(matches.some((m) => m.contactPersonId === address.contact_person_id), `'${address.value}' finds contact ${address.contact_person_id}`);
    }
    // A foreign number typed in its other form.
    const polish = addresses.find((a) => a.number_e164?.startsWith('+4822'));
    assert.ok(polish?.number_e164);
    const national = polish.number_e164.slice(3);
    const viaPrefix = await findContactsByNumber(t.database, `0048 ${national.slice(0, 2)} ${national.slice(2)}`, CZ, TELCC);
    assert.ok(viaPrefix.some((m) => m.contactPersonId === polish.contact_person_id));
  } finally {
    await t.cleanup();
  }
});

test('an unknown number, a malformed one and an empty one find nobody', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    assert.deepEqual(await findContactsByNumber(t.database, '+420 777 000 111', CZ, TELCC), []);
    assert.deepEqual(await findContactsByNumber(t.database, "601' OR '1'='1", CZ, TELCC), []);
    assert.deepEqual(await findContactsByNumber(t.database, '', CZ, TELCC), []);
  } finally {
    await t.cleanup();
  }
});

test('only the configured address types are matched (TELCC by default)', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    // The agents' desk numbers are stored as TEL, not TELCC.
    assert.deepEqual(await findContactsByE164(t.database, '+420224000201', TELCC), []);
    const withTel = await findContactsByE164(t.database, '+420224000201', ['TELCC', 'TEL']);
    assert.deepEqual(withTel.map((m) => `${m.firstName} ${m.lastName} ${m.addressType}`), ['Alice Agent TEL']);
    assert.deepEqual(await findContactsByE164(t.database, '+420224000201', []), []);
  } finally {
    await t.cleanup();
  }
});
