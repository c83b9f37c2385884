import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../testing/tempDir.js';
import { startConnectorProcess, type ConnectorProcess } from '../testing/connectorProcess.js';

/** The command line exactly as `npx connector` runs it. */
const BIN = fileURLToPath(new URL('../../bin/connector.js', import.meta.url));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function connector(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CONNECTOR_DEBUG: '' } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

function assertCleanError(run: Run, message: RegExp, secret?: string): void {
  assert.equal(run.code, 2, `exit code for ${run.stderr}`);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  if (secret !== undefined) assert.ok(!run.stderr.includes(secret), 'the password is not printed');
}

test('--help works for the command line and for every command', async () => {
  const temp = makeTempDir('cli');
  try {
    const overview = await connector(['--help'], temp.dir);
    assert.equal(overview.code, 0);
    assert.match(overview.stdout, /^usage: connector <command> \[options\]/);
    for (const command of ['start', 'migrate', 'seed', 'capture', 'simulate']) {
      const help = await connector([command, '--help'], temp.dir);
      assert.equal(help.code, 0, command);
      assert.match(help.stdout, new RegExp(`^usage: connector ${command}`), command);
      assert.match(help.stdout, /--config PATH/, command);
    }
    assert.equal(existsSync(path.join(temp.dir, 'data')), false, '--help touches no database');
  } finally {
    temp.remove();
  }
});

test('an unknown command or option is a usage error', async () => {
  const temp = makeTempDir('cli');
  try {
    const none = await connector([], temp.dir);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^usage: connector <command>/);
    const unknown = await connector(['frobnicate'], temp.dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^connector: unknown command 'frobnicate'/);
    const badOption = await connector(['migrate', '--colour'], temp.dir);
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /Unknown option '--colour'/);
    assertCleanError(await connector(['seed'], temp.dir), /seed needs --demo/);
    assertCleanError(await connector(['seed', '--demo', '--history', 'lots'], temp.dir), /--history must be a whole number/);
    assertCleanError(await connector(['seed', '--demo', '--until', '2026-02-30'], temp.dir), /--until must be a date like 2026-11-22, got '2026-02-30'/);
  } finally {
    temp.remove();
  }
});

test('broken K2.ini files: one clear message each, exit 2, no stack trace, no password', async () => {
  const temp = makeTempDir('cli');
  try {
    const cases: readonly (readonly [string, string, RegExp])[] = [
      ['missing section', 'CCUSER=RECORDER\n[Connector]\nPort=8740\n', /\[Database\] section is missing/],
      ['bad port', '[Database]\nDriver=mssql\nServer=sql\nDatabase=K2\nUser=k2\nPassword=Pa55word!\nPort=abc\n', /\[Database\] Port must be a number between 1 and 65535, got 'abc'/],
      ['unknown driver', '[Database]\nDriver=oracle\nPassword=Pa55word!\n', /\[Database\] Driver must be one of sqlite, mssql, got 'oracle'/],
      ['missing SQL Server host', '[Database]\nDriver=mssql\nDatabase=K2\nUser=k2\nPassword=Pa55word!\n', /\[Database\] Server is required when \[Database\] Driver=mssql/],
      ['not INI at all', '{"Database": "sqlite"}\n', /line 1: expected KEY=value or \[Section\]/],
      ['a password line without =', '[Database]\nDriver=mssql\nPassword Pa55word!\n', /line 3: expected KEY=value or \[Section\]/],
    ];
    for (const [name, text, message] of cases) {
      const file = path.join(temp.dir, `${name.replace(/ /g, '-')}.ini`);
      writeFileSync(file, text);
      for (const command of ['migrate', 'start', 'seed']) {
        const run = await connector([command, ...(command === 'seed' ? ['--demo'] : []), '--config', file], temp.dir);
        assertCleanError(run, message, 'Pa55word!');
        assert.equal(run.stderr.trim().split('\n').length, 1, `${name}: one line`);
      }
    }
    const directory = path.join(temp.dir, 'a-folder.ini');
    mkdirSync(directory);
    assertCleanError(await connector(['migrate', '--config', directory], temp.dir), /cannot read the configuration file .*a-folder\.ini \(EISDIR\)/);
    assertCleanError(await connector(['migrate', '--config', 'nowhere.ini'], temp.dir), /cannot read the configuration file .*nowhere\.ini \(ENOENT\)/);
    assert.equal(existsSync(path.join(temp.dir, 'data')), false, 'a refused configuration creates no database');
  } finally {
    temp.remove();
  }
});

test('migrate twice on one SQLite file: the second run applies nothing', async () => {
  const temp = makeTempDir('cli');
  try {
    writeFileSync(path.join(temp.dir, 'K2.ini'), '[Database]\nDriver=sqlite\nFile=erp.sqlite\n');
    const first = await connector(['migrate'], temp.dir);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, 'applied 0001_erp_books\napplied 0002_desk\napplied 0003_partner_calls_index\n');
    const second = await connector(['migrate'], temp.dir);
    assert.equal(second.code, 0);
    assert.equal(second.stdout, 'up to date: nothing to apply (3 migration(s) applied before)\n');
    const check = await connector(['migrate', '--check'], temp.dir);
    assert.equal(check.stdout, 'up to date: 3 migration(s) applied\n');
  } finally {
    temp.remove();
  }
});

test('migrate --check on a database that does not exist says everything is pending, exits 3 and creates nothing', async () => {
  const temp = makeTempDir('cli');
  try {
    writeFileSync(path.join(temp.dir, 'K2.ini'), '[Database]\nDriver=sqlite\nFile=db/erp.sqlite\n');
    const check = await connector(['migrate', '--check'], temp.dir);
    assert.equal(check.code, 3);
    assert.equal(check.stdout, 'pending: 0001_erp_books, 0002_desk, 0003_partner_calls_index (the database file does not exist yet)\n');
    assert.equal(existsSync(path.join(temp.dir, 'db')), false);
  } finally {
    temp.remove();
  }
});

test('a SQL Server that refuses connections is one clear error at once, not a silent retry', async () => {
  const temp = makeTempDir('cli');
  try {
    writeFileSync(path.join(temp.dir, 'K2.ini'), '[Database]\nDriver=mssql\nServer=127.0.0.1\nPort=1\nDatabase=K2\nUser=k2\nPassword=Pa55word!\n');
    for (const command of [['migrate'], ['migrate', '--check'], ['seed', '--demo'], ['start', '--port', '0']]) {
      const run = await connector(command, temp.dir);
      assert.equal(run.code, 1, command.join(' '));
      assert.equal(run.stderr.trim(), `connector ${command[0] ?? ''}: cannot connect to SQL Server 127.0.0.1:1, database K2: nothing accepts connections there (check [Database] Server, Port or Instance, and that SQL Server listens on TCP)`);
      assert.ok(!run.stderr.includes('Pa55word!'));
    }
  } finally {
    temp.remove();
  }
});

test('seed --demo on a migrated database, then a second seed is refused', async () => {
  const temp = makeTempDir('cli');
  try {
    writeFileSync(path.join(temp.dir, 'K2.ini'), '[Database]\nDriver=sqlite\nFile=erp.sqlite\n');
    const early = await connector(['seed', '--demo'], temp.dir);
    assert.equal(early.code, 1);
    assert.match(early.stderr, /the SQLite database .*erp\.sqlite does not exist yet; run: npx connector migrate --config .*K2\.ini/);
    assert.equal(existsSync(path.join(temp.dir, 'erp.sqlite')), false, 'seed does not create the database');
    await connector(['migrate'], temp.dir);
    const seeded = await connector(['seed', '--demo', '--history', '500', '--until', '2026-11-20'], temp.dir);
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(seeded.stdout, /^seeded: 50 partners, 300 contact persons, \d+ electronic addresses, 13 users, 11 lines, 500 past calls \(5\d\d call-history rows\)\n$/);
    const again = await connector(['seed', '--demo'], temp.dir);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /the database already holds ERP data/);
  } finally {
    temp.remove();
  }
});

test('start on a K2.ini database that was never migrated says what to run', async () => {
  const temp = makeTempDir('cli');
  try {
    writeFileSync(path.join(temp.dir, 'K2.ini'), '[Database]\nDriver=sqlite\nFile=erp.sqlite\n');
    const missing = await connector(['start', '--port', '0'], temp.dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /the SQLite database .*erp\.sqlite does not exist yet; run: npx connector migrate --config .*K2\.ini/);
    assert.equal(existsSync(path.join(temp.dir, 'erp.sqlite')), false, 'start does not create a configured database');
    writeFileSync(path.join(temp.dir, 'erp.sqlite'), '');
    const empty = await connector(['start', '--port', '0'], temp.dir);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /the database needs migration 0001_erp_books, 0002_desk, 0003_partner_calls_index; run: npx connector migrate --config .*K2\.ini/);
  } finally {
    temp.remove();
  }
});

test('a simulator port already taken (a real Asterisk there?) is one clear error', async () => {
  const temp = makeTempDir('cli');
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const taken = (blocker.address() as AddressInfo).port;
  try {
    const run = await connector(['start', '--port', '0', '--simulator-port', String(taken)], temp.dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`the PBX simulator cannot listen on 127\\.0\\.0\\.1:${taken} \\(.*EADDRINUSE.*\\); is a real Asterisk there\\?`));
    assert.equal(run.stderr.trim().split('\n').length, 1);
  } finally {
    blocker.close();
    temp.remove();
  }
});

test('start with the embedded default: migrates, seeds, runs the PBX simulator, connects to it over AMI, answers GET /health, stops on SIGTERM', async () => {
  const temp = makeTempDir('cli');
  let connector: ConnectorProcess | undefined;
  try {
    connector = await startConnectorProcess(temp.dir);
    const { url } = connector;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(existsSync(path.join(temp.dir, 'data', 'k2.sqlite')), 'the database is under ./data of the folder it runs in');

    let text = '';
    let health: { status?: string; version?: string; database?: unknown; exchanges?: { id: number; ami: { state: string } }[] } = {};
    for (let i = 0; i < 100 && health.status !== 'ok'; i++) {
      const response = await fetch(`${url}/health`);
      assert.equal(response.status, 200);
      text = await response.text();
      health = JSON.parse(text) as typeof health;
      if (health.status !== 'ok') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(health.status, 'ok', text);
    assert.equal(health.version, '0.1.0');
    assert.deepEqual(health.database, { driver: 'sqlite', state: 'up', reason: null });
    assert.deepEqual(health.exchanges?.map((e) => [e.id, e.ami.state]), [[1, 'connected']]);
    assert.doesNotMatch(text, /recorder-secret|127\.0\.0\.1:5038|k2\.sqlite/, 'no secrets, no addresses, no paths');
    assert.equal((await fetch(`${url}/nothing-here`)).status, 404);
    assert.equal((await fetch(`${url}/health`, { method: 'POST' })).status, 405);

    assert.equal(await connector.stop('SIGTERM'), 0);
    assert.match(connector.stderr(), /connector stopped\n$/);
    assert.doesNotMatch(connector.stdout(), /recorder-secret/, 'the AMI password is never logged');
  } finally {
    await connector?.stop('SIGKILL');
    temp.remove();
  }
});
