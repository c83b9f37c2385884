import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESK_LANGUAGES } from '@cc/protocol';
import { contactCenterState } from './contactCenterState.js';
import { stateWords, translator } from './i18n.js';

test('every language fills every placeholder of every message it has', () => {
  const english = translator('en');
  for (const language of DESK_LANGUAGES) {
    const t = translator(language);
    assert.equal(t.t('calledBackBy', { when: 'X', who: 'Y' }).includes('{'), false, language);
    assert.notEqual(t.t('appTitle'), '', language);
  }
  assert.equal(english.t('loginThrottled', { s: 7 }), 'Too many failed logins. Try again in 7 s.');
  assert.equal(translator('cs').t('dialing', { number: '601 234 567' }), 'Váš telefon zvoní: zvedněte ho a volá se 601 234 567.');
});

test('dates, times, numbers and money follow the language', () => {
  const at = '2026-11-22T13:05:00.000Z';
  assert.equal(translator('cs', 'Europe/Prague').dateTime(at), '22.11.26 14:05');
  assert.equal(translator('en', 'Europe/Prague').dateTime(at), '22/11/2026, 14:05');
  assert.equal(translator('pl', 'Europe/Prague').dateTime(at), '22.11.2026, 14:05');
  assert.equal(translator('cs').money(-1234.5, 'CZK').replace(/\s/g, ' '), '-1 234,50 Kč');
  assert.equal(translator('en').number(1234.5), '1,234.5');
  assert.equal(translator('en').duration(59.6), '1:00');
  assert.equal(translator('en').duration(3_725), '1:02:05');
});

test('the contact-center state says why in the user\'s language', () => {
  const health = { status: 'degraded', version: '1', uptimeSeconds: 1, database: { driver: 'sqlite', state: 'up', reason: null },
    exchanges: [{ id: 1, name: 'Praha', ami: { state: 'failed', since: null, reason: 'login rejected' } }] } as const;
  const inputs = { wantsConnected: true, health, exchangeId: 1, sessionOpen: true };
  assert.deepEqual(contactCenterState(inputs, stateWords(translator('cs'))), { colour: 'orange', reason: 'Ústředna Praha není připojena (failed): login rejected' });
  assert.deepEqual(contactCenterState({ ...inputs, wantsConnected: false }, stateWords(translator('pl'))), { colour: 'white', reason: 'Brak połączenia z centrum kontaktowym' });
});
