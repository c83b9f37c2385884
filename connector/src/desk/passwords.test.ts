import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

test('a password verifies against its own scrypt hash only; the hash is salted', async () => {
  const hash = await hashPassword('Heslo-123 žluťoučký');
  assert.match(hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.equal(await verifyPassword('Heslo-123 žluťoučký', hash), true);
  assert.equal(await verifyPassword('Heslo-123 zlutoucky', hash), false);
  assert.notEqual(await hashPassword('Heslo-123 žluťoučký'), hash, 'a new salt each time');
});

test('no hash, a foreign or a broken hash never verifies', async () => {
  for (const stored of [null, '', 'plain-text', '$2b$10$abcdefghijklmnopqrstuv', 'scrypt$0$8$1$AAAA$AAAA', 'scrypt$32768$8$1$$AAAA']) {
    assert.equal(await verifyPassword('anything', stored), false, String(stored));
  }
});

test('new passwords need 8 to 200 characters', () => {
  assert.match(passwordProblem('short') ?? '', /at least 8/);
  assert.match(passwordProblem('x'.repeat(201)) ?? '', /at most 200/);
  assert.equal(passwordProblem('long enough'), null);
});
