import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanNumber, formatInternational, normalizeDialled, normalizeStored, type DialRules } from './phoneNumbers.js';

const PRAGUE: DialRules = { country: 'CZ', outsideLinePrefix: '0', internationalPrefix: '00' };

function e164(result: ReturnType<typeof normalizeDialled>): string {
  assert.ok(result.ok, `expected a number, got ${JSON.stringify(result)}`);
  return result.e164;
}

test('DESIGN §4: the four dialled forms of one Czech number are the same E.164 number', () => {
  for (const dialled of ['0777888999', '00420777888999', '000420777888999', '+420777888999']) {
    assert.equal(e164(normalizeDialled(dialled, PRAGUE)), '+420777888999', dialled);
  }
});

test('a national number dialled without the outside-line prefix is read too', () => {
  assert.equal(e164(normalizeDialled('777888999', PRAGUE)), '+420777888999');
});

test('foreign numbers dialled through the outside line and the international prefix', () => {
  assert.equal(e164(normalizeDialled('0004822 123 45 67', PRAGUE)), '+48221234567');
  assert.equal(e164(normalizeDialled('0049301234567', PRAGUE)), '+49301234567');
});

test('typed forms of stored numbers (DESIGN §7.5): spaces, /, -, brackets, trailing blanks, national and international', () => {
  const rules = { country: 'CZ', internationalPrefix: '00' };
  const table: readonly (readonly [string, string])[] = [
    ['+420 601 234 567', '+420601234567'],
    ['601234567', '+420601234567'],
    ['00420601234567', '+420601234567'],
    ['(601) 234-567', '+420601234567'],
    ['601/234 567', '+420601234567'],
    ['601 234 567   ', '+420601234567'],
    ['+420-601-234-567', '+420601234567'],
    ['+48 22 123 45 67', '+48221234567'],
    ['+49 30 1234567', '+49301234567'],
    ['+49 (30) 123-4567', '+49301234567'],
    ['0048 221234567', '+48221234567'],
  ];
  for (const [typed, expected] of table) assert.equal(e164(normalizeStored(typed, rules)), expected, typed);
});

test('the country comes from the rules, never a built-in default', () => {
  assert.equal(e164(normalizeStored('22 123 45 67', { country: 'PL', internationalPrefix: '00' })), '+48221234567');
  assert.equal(e164(normalizeStored('030 1234567', { country: 'DE', internationalPrefix: '00' })), '+49301234567');
});

test('a stored number is not stripped of an outside-line prefix; dialled, the same digits are', () => {
  // "0601234567" typed into an address book is not a dialled string: Czech numbers have no trunk 0, so it
  // stays a possible but invalid number that matches no one, rather than being guessed into another.
  assert.deepEqual(normalizeStored('0601234567', { country: 'CZ', internationalPrefix: '00' }), { ok: true, e164: '+4200601234567' });
  assert.deepEqual(normalizeDialled('0601234567', PRAGUE), { ok: true, e164: '+420601234567' });
});

test('letters, empty input and impossible numbers are refused with a reason', () => {
  assert.deepEqual(normalizeDialled('601 ABC 567', PRAGUE), { ok: false, reason: 'bad-characters' });
  assert.deepEqual(normalizeDialled('   ', PRAGUE), { ok: false, reason: 'empty' });
  assert.deepEqual(normalizeDialled('12', PRAGUE), { ok: false, reason: 'not-a-number' });
  assert.deepEqual(normalizeDialled('+', PRAGUE), { ok: false, reason: 'bad-characters' });
});

test('cleanNumber keeps digits and one leading +', () => {
  assert.equal(cleanNumber(' +420 (601) 234-567 '), '+420601234567');
  assert.equal(cleanNumber('601+234'), undefined);
});

test('numbers are shown grouped the international way', () => {
  assert.equal(formatInternational('+420601234567'), '+420 601 234 567');
});
