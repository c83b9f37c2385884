import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HealthReport } from '@cc/protocol';
import { contactCenterState } from './contactCenterState.js';

function health(state: HealthReport['exchanges'][number]['ami']['state'], database: 'up' | 'down' = 'up'): HealthReport {
  return {
    status: state === 'connected' && database === 'up' ? 'ok' : 'degraded',
    version: '0.1.0',
    uptimeSeconds: 1,
    database: { driver: 'sqlite', state: database, reason: null },
    exchanges: [{ id: 1, name: 'Praha', ami: { state, since: null, reason: state === 'failed' ? 'authentication failed' : null } }],
  };
}

test('white when the user has not asked to connect, whatever the connector says', () => {
  assert.equal(contactCenterState({ wantsConnected: false, health: health('connected'), exchangeId: 1, sessionOpen: true }).colour, 'white');
});

test('green only when the exchange is connected and the session is open', () => {
  assert.deepEqual(contactCenterState({ wantsConnected: true, health: health('connected'), exchangeId: 1, sessionOpen: true }), {
    colour: 'green', reason: 'Connected to Praha',
  });
});

test('orange with the reason when wanted but failing', () => {
  const cases = [
    [{ health: null, exchangeId: 1, sessionOpen: false }, 'The connector cannot be reached'],
    [{ health: health('connected', 'down'), exchangeId: 1, sessionOpen: true }, 'The connector has lost its database'],
    [{ health: health('failed'), exchangeId: 1, sessionOpen: true }, 'Exchange Praha is failed: authentication failed'],
    [{ health: health('connected'), exchangeId: 2, sessionOpen: true }, 'Exchange 2 is not served by this connector'],
    [{ health: health('connected'), exchangeId: 1, sessionOpen: false }, 'Connecting to the connector…'],
  ] as const;
  for (const [inputs, reason] of cases) {
    assert.deepEqual(contactCenterState({ wantsConnected: true, ...inputs }), { colour: 'orange', reason });
  }
});
