import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../testing/demoDatabase.js';
import { isConnectorError } from '../../errors.js';
import { loadRecorderConfig } from './recorderConfigRepository.js';

test('the recorder finds its user, line 000, the settings and the demo exchange with its rules and lines', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const config = await loadRecorderConfig(t.database, 'recorder');
    assert.equal(config.recorder.userCode, 'RECORDER');
    assert.equal(config.recorder.exchangeId, 1);
    assert.deepEqual(config.settings, { incomingActivityType: 'TEP', outgoingActivityType: 'TEV', matchAddressTypes: ['TELCC'] });
    assert.equal(config.exchanges.length, 1);
    const exchange = config.exchanges[0];
    assert.ok(exchange);
    assert.equal(exchange.countryCode, 'CZ');
    assert.equal(exchange.outsideLinePrefix, '0');
    assert.equal(exchange.internationalPrefix, '00');
    assert.deepEqual({ ...exchange.ami, password: exchange.ami.password.reveal() }, { host: '127.0.0.1', port: 5038, user: 'recorder', password: 'recorder-secret' });
    assert.doesNotMatch(JSON.stringify(config), /recorder-secret/, 'the AMI password masks itself');
    assert.deepEqual(exchange.numberRules, [
      { countryPrefix: '420', internalPrefix: '224000', extensionPattern: '2XX', exampleNumber: '+420 224 000 201', exampleExtension: '201' },
    ]);
    assert.deepEqual(exchange.lines.map((l) => l.line), ['201', '202', '203', '204', '205', '206', '207', '208', '209', '210']);
    const alice = exchange.lines[0];
    assert.equal(alice?.userCode, 'ALICE');
    assert.equal(alice.logCalls, true);
    assert.equal(alice.active, true);
    assert.equal(exchange.lines.every((l) => l.logCalls && l.userId !== null), true);
  } finally {
    await t.cleanup();
  }
});

test('a CCUSER that does not exist is named in a clear error', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    await assert.rejects(loadRecorderConfig(t.database, 'NOBODY'), (error: unknown) => {
      assert.ok(isConnectorError(error));
      assert.equal(error.code, 'RECORDER_NOT_FOUND');
      assert.match(error.message, /the ERP user 'NOBODY' \(K2.ini CCUSER\) does not exist/);
      return true;
    });
  } finally {
    await t.cleanup();
  }
});

test('a user without line 000 is refused with the missing line named', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    await assert.rejects(loadRecorderConfig(t.database, 'ALICE'), /the ERP user 'ALICE' has no line 000/);
  } finally {
    await t.cleanup();
  }
});

test('an inactive exchange is not loaded; every active one is, with its own lines', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const exchange = { name: 'Brno', ami_host: 'pbx-brno', ami_user: 'recorder', ami_password: 'x' };
    await t.database.db.insertInto('exchanges').values([{ ...exchange, id: 2, active: 0 }, { ...exchange, id: 3, active: 1, name: 'Ostrava' }]).execute();
    await t.database.db.insertInto('lines').values({ exchange_id: 3, line: '301' }).execute();
    const config = await loadRecorderConfig(t.database, 'RECORDER');
    assert.deepEqual(config.exchanges.map((e) => [e.id, e.lines.map((l) => l.line).length]), [[1, 10], [3, 1]]);
  } finally {
    await t.cleanup();
  }
});

test("the recorder's own exchange being inactive is a clear error, not an empty configuration", async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    await t.database.db.updateTable('exchanges').set({ active: 0 }).where('id', '=', 1).execute();
    await assert.rejects(loadRecorderConfig(t.database, 'RECORDER'), /the exchange 1 of RECORDER's line 000 is not active/);
  } finally {
    await t.cleanup();
  }
});
