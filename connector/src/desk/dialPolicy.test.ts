import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DESK } from '../config/k2Config.js';
import { decideDial, type DialPolicy } from './dialPolicy.js';

// A Czech exchange: 0 for an outside line, 00 for abroad, lines 201–210.
const CZ: DialPolicy = {
  rules: { country: 'CZ', outsideLinePrefix: '0', internationalPrefix: '00' },
  lines: new Set(['201', '202', '210']),
  denyPrefixes: DEFAULT_DESK.dialDenyPrefixes,
};

test('a home number in any written form is dialled nationally after the outside-line prefix', () => {
  for (const typed of ['+420 601 234 567', '601 234 567', '601-234-567', '(601) 234/567 ', '00420601234567']) {
    assert.deepEqual(decideDial(typed, CZ), { ok: true, dialled: '0601234567', e164: '+420601234567' }, typed);
  }
});

test('a foreign number gets the outside-line and international prefixes, without its country\'s trunk 0', () => {
  assert.deepEqual(decideDial('+49 30 1234567', CZ), { ok: true, dialled: '00049301234567', e164: '+49301234567' });
  assert.deepEqual(decideDial('+48 22 123 45 67', CZ), { ok: true, dialled: '00048221234567', e164: '+48221234567' });
});

test('a German exchange dials its own numbers with the trunk 0 and no outside-line prefix when it has none', () => {
  const de: DialPolicy = { rules: { country: 'DE', outsideLinePrefix: '', internationalPrefix: '00' }, lines: new Set(), denyPrefixes: [] };
  assert.deepEqual(decideDial('+49 30 1234567', de), { ok: true, dialled: '0301234567', e164: '+49301234567' });
});

test('an internal line is dialled as it is', () => {
  assert.deepEqual(decideDial('210', CZ), { ok: true, dialled: '210', e164: null });
});

test('premium-rate numbers are denied in every form they can be typed', () => {
  for (const typed of ['+420 900 123 456', '900123456', '00420 909 111 222', '976 111 222']) {
    const decision = decideDial(typed, CZ);
    assert.equal(decision.ok ? 'dialled' : decision.code, 'DIAL_DENIED', typed);
  }
});

test('letters, control characters, too few or too many digits and non-numbers are invalid', () => {
  for (const typed of ['601-ABC-567', '601;234', '12', '+42060123456789012345', '', '+']) {
    const decision = decideDial(typed, CZ);
    assert.equal(decision.ok ? 'dialled' : decision.code, 'DIAL_INVALID', JSON.stringify(typed));
  }
});
