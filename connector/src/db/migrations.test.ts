import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from './database.js';
import { readMigrationFiles, splitBatches } from './migrationFiles.js';
import { migrate, planMigrations } from './migrations.js';
import { sqlRoot } from '../paths.js';
import { makeTempDir } from '../testing/tempDir.js';

const NOW = (): Date => new Date('2026-11-20T10:00:00.000Z');

function schemaDump(file: string): unknown {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return {
      objects: db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all(),
      migrations: db.prepare('SELECT * FROM schema_migrations ORDER BY version').all(),
    };
  } finally {
    db.close();
  }
}

test('migrating twice: the second run applies nothing and changes nothing', async () => {
  const temp = makeTempDir('migrate');
  try {
    const file = path.join(temp.dir, 'k2.sqlite');
    const files = readMigrationFiles(sqlRoot, 'sqlite');
    const first = openSqlite(file);
    assert.deepEqual((await migrate(first, files, NOW)).map((f) => f.name), files.map((f) => f.name));
    await first.close();
    const before = schemaDump(file);

    const second = openSqlite(file);
    assert.deepEqual(await migrate(second, files, () => new Date('2027-01-01T00:00:00Z')), []);
    await second.close();
    assert.deepEqual(schemaDump(file), before);
  } finally {
    temp.remove();
  }
});

function scratchMigrations(dir: string, scripts: Record<string, string>): string {
  const root = path.join(dir, 'sql');
  mkdirSync(path.join(root, 'sqlite'), { recursive: true });
  for (const [name, text] of Object.entries(scripts)) writeFileSync(path.join(root, 'sqlite', name), text);
  return root;
}

test('a migration edited after it was applied is refused, and the pending one after it does not run', async () => {
  const temp = makeTempDir('migrate-edit');
  try {
    const file = path.join(temp.dir, 'k2.sqlite');
    const root = scratchMigrations(temp.dir, { '0001_a.sql': 'CREATE TABLE a (id INT);' });
    const database = openSqlite(file);
    await migrate(database, readMigrationFiles(root, 'sqlite'), NOW);
    scratchMigrations(temp.dir, { '0001_a.sql': 'CREATE TABLE a (id INT, x INT);', '0002_b.sql': 'CREATE TABLE b (id INT);' });
    await assert.rejects(migrate(database, readMigrationFiles(root, 'sqlite'), NOW), /0001_a was changed after it was applied/);
    await database.close();
    const db = new BetterSqlite3(file);
    assert.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").all(), []);
    db.close();
  } finally {
    temp.remove();
  }
});

test('a database migrated by a newer connector is refused by an older one', async () => {
  const temp = makeTempDir('migrate-newer');
  try {
    const root = scratchMigrations(temp.dir, { '0001_a.sql': 'CREATE TABLE a (id INT);', '0002_b.sql': 'CREATE TABLE b (id INT);' });
    const database = openSqlite(path.join(temp.dir, 'k2.sqlite'));
    await migrate(database, readMigrationFiles(root, 'sqlite'), NOW);
    const older = readMigrationFiles(root, 'sqlite').filter((f) => f.version === 1);
    await assert.rejects(planMigrations(database, older), /migration 0002_b, which this connector does not know/);
    await database.close();
  } finally {
    temp.remove();
  }
});

test('a failing migration is rolled back whole and not recorded; the ones before it stay', async () => {
  const temp = makeTempDir('migrate-fail');
  try {
    const file = path.join(temp.dir, 'k2.sqlite');
    const root = scratchMigrations(temp.dir, {
      '0001_ok.sql': 'CREATE TABLE ok (id INT);',
      '0002_broken.sql': 'CREATE TABLE half (id INT);\nCREATE TABLE ok (id INT);',
    });
    const database = openSqlite(file);
    await assert.rejects(migrate(database, readMigrationFiles(root, 'sqlite'), NOW), /migration 0002_broken failed and was rolled back: table ok already exists/);
    await database.close();
    const db = new BetterSqlite3(file);
    assert.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('ok', 'half') ORDER BY name").all(), [{ name: 'ok' }]);
    assert.deepEqual(db.prepare('SELECT version FROM schema_migrations').all(), [{ version: 1 }]);
    db.close();
  } finally {
    temp.remove();
  }
});

test('migrate --check and the start-up check only read: a database never migrated stays untouched', async () => {
  const temp = makeTempDir('migrate-plan');
  try {
    const file = path.join(temp.dir, 'k2.sqlite');
    const database = openSqlite(file);
    const plan = await planMigrations(database, readMigrationFiles(sqlRoot, 'sqlite'));
    assert.deepEqual(plan.applied, []);
    assert.equal(plan.pending.length, readMigrationFiles(sqlRoot, 'sqlite').length);
    await database.close();
    const db = new BetterSqlite3(file, { readonly: true });
    assert.deepEqual(db.prepare('SELECT name FROM sqlite_master').all(), []);
    db.close();
  } finally {
    temp.remove();
  }
});

test('two connectors migrating one database at once apply each migration exactly once', async () => {
  const temp = makeTempDir('migrate-race');
  try {
    const file = path.join(temp.dir, 'k2.sqlite');
    const files = readMigrationFiles(sqlRoot, 'sqlite');
    const a = openSqlite(file);
    const b = openSqlite(file);
    const [byA, byB] = await Promise.all([migrate(a, files, NOW), migrate(b, files, NOW)]);
    assert.equal(byA.length + byB.length, files.length);
    await a.close();
    await b.close();
    const db = new BetterSqlite3(file, { readonly: true });
    assert.equal((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n, files.length);
    db.close();
  } finally {
    temp.remove();
  }
});

test('T-SQL scripts are cut into batches at GO lines only', () => {
  const batches = splitBatches('CREATE TABLE a (id INT);\nGO\n-- note\nCREATE TABLE go_table (id INT);\n  go  \n', 'mssql');
  assert.deepEqual(batches, ['CREATE TABLE a (id INT);', '-- note\nCREATE TABLE go_table (id INT);']);
  assert.deepEqual(splitBatches('x;\nGO\ny;', 'sqlite'), ['x;\nGO\ny;']);
});
