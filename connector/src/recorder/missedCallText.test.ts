import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missedCallText } from './missedCallText.js';

test('a missed-call notification reads in the user\'s language, the number formatted; an unknown language falls back to Czech', () => {
  assert.equal(missedCallText('cs', '+420601234567'), 'Zmeškaný hovor od +420 601 234 567');
  assert.equal(missedCallText('en', '+420601234567'), 'Missed call from +420 601 234 567');
  assert.equal(missedCallText('pl', '+48221234567'), 'Nieodebrane połączenie od +48 22 123 45 67');
  assert.equal(missedCallText('de', '203'), 'Zmeškaný hovor od 203');
});
