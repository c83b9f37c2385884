import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openSqlite } from '../db/database.js';
import { findLoginUser } from '../db/repositories/deskUsersRepository.js';
import { verifyPassword } from '../desk/passwords.js';
import { makeTempDir } from '../testing/tempDir.js';

const BIN = fileURLToPath(new URL('../../bin/connector.js', import.meta.url));
const run = (cwd: string, args: readonly string[], input = ''): { status: number | null; out: string; err: string } => {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8' });
  return { status: result.status, out: result.stdout, err: result.stderr };
};

test('`connector user password NAME` sets a scrypt hash from standard input and ends the open sessions; bad input changes nothing', async () => {
  const temp = makeTempDir('user-password');
  try {
    assert.equal(run(temp.dir, ['migrate']).status, 0);
    assert.equal(run(temp.dir, ['seed', '--demo', '--history', '0']).status, 0);
    const database = openSqlite(`${temp.dir}/data/k2.sqlite`);
    const before = (await findLoginUser(database, 'ALICE'))?.passwordHash;

    const short = run(temp.dir, ['user', 'password', 'alice', '--password-stdin'], 'short\n');
    assert.equal(short.status, 2, 'a password under 8 characters is a usage error');
    assert.match(short.err, /at least 8 characters; nothing was changed/);
    const nobody = run(temp.dir, ['user', 'password', 'NOBODY', '--password-stdin'], 'long enough\n');
    assert.notEqual(nobody.status, 0);
    assert.match(nobody.err, /no ERP user 'NOBODY'/);
    const service = run(temp.dir, ['user', 'password', 'RECORDER', '--password-stdin'], 'long enough\n');
    assert.equal(service.status, 2, 'the recorder has no desk login');
    const noTty = run(temp.dir, ['user', 'password', 'ALICE']);
    assert.equal(noTty.status, 2, 'no terminal and no --password-stdin');
    assert.equal((await findLoginUser(database, 'ALICE'))?.passwordHash, before, 'none of that changed the hash');

    const set = run(temp.dir, ['user', 'password', 'alice', '--password-stdin'], 'Nové heslo 2026\n');
    assert.equal(set.status, 0, set.err);
    assert.match(set.out, /ALICE: password set; 0 open session\(s\) ended/);
    const hash = (await findLoginUser(database, 'ALICE'))?.passwordHash ?? null;
    assert.match(hash ?? '', /^scrypt\$/);
    assert.equal(await verifyPassword('Nové heslo 2026', hash), true);
    assert.equal(await verifyPassword('alice-demo', hash), false, 'the demo password no longer works');
    assert.match(run(temp.dir, ['user', 'revoke', 'ALICE']).out, /ALICE: 0 session\(s\) ended/);
    await database.close();
  } finally {
    temp.remove();
  }
});
