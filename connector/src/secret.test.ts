import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { Secret } from './secret.js';

test('a secret never prints its value, however deep it sits', () => {
  const config = { exchanges: [{ ami: { user: 'recorder', password: new Secret('Top$ecret') } }] };
  for (const text of [JSON.stringify(config), inspect(config, { depth: 10 }), config.exchanges[0]?.ami.password.toString() ?? '', String(config.exchanges[0]?.ami.password)]) {
    assert.doesNotMatch(text, /Top\$ecret/);
    assert.match(text, /\*{8}/);
  }
  assert.deepEqual(Object.keys(new Secret('x')), []);
});

test('reveal() gives the value to the code that must send it', () => {
  assert.equal(new Secret('Top$ecret').reveal(), 'Top$ecret');
  assert.equal(new Secret('').isEmpty, true);
});
