import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from './database.js';
import { readMigrationFiles } from './migrationFiles.js';
import { migrate, MIGRATIONS_TABLE_DDL } from './migrations.js';
import { sqlRoot } from '../paths.js';
import { makeTempDir } from '../testing/tempDir.js';
import { checkConstraintsOf, emptyShape, normalizeExpression, readTsqlSchema, type SchemaShape } from '../testing/tsqlSchema.js';

/** The schema SQLite really built, in the same shape as the T-SQL reading. */
function readSqliteSchema(file: string): SchemaShape {
  const db = new BetterSqlite3(file, { readonly: true });
  const shape = emptyShape();
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    for (const { name } of tables) {
      const info = db.prepare(`PRAGMA table_info(${name})`).all() as { name: string; type: string; notnull: number; pk: number; dflt_value: string | null }[];
      shape.tables.set(name, info.map((c) => ({
        name: c.name,
        // INTEGER PRIMARY KEY is SQLite's identity column; TEXT stands for NVARCHAR(MAX).
        type: c.type === 'INTEGER' && c.pk === 1 ? 'INT' : c.type === 'TEXT' ? 'NVARCHAR(MAX)' : c.type.replace(/\s+/g, ''),
        notNull: c.notnull === 1 || c.pk > 0,
        default: c.dflt_value,
      })));
      const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      if (pk.length > 0) shape.uniques.add(`pk:${name}(${pk.join(',')})`);
      const indexes = db.prepare(`PRAGMA index_list(${name})`).all() as { name: string; unique: number; origin: string; partial: number }[];
      for (const index of indexes) {
        if (index.origin === 'pk') continue;
        const cols = (db.prepare(`PRAGMA index_info(${index.name})`).all() as { name: string }[]).map((c) => c.name).join(',');
        const indexSql = (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(index.name) as { sql: string | null } | undefined)?.sql ?? '';
        const where = index.partial === 1 ? ` where ${normalizeExpression(/ WHERE (.*)$/is.exec(indexSql)?.[1] ?? '')}` : '';
        if (index.unique === 1) shape.uniques.add(`${name}(${cols})${where}`);
        else shape.indexes.add(`${name}:${index.name}(${cols})${where}`);
      }
      const fks = db.prepare(`PRAGMA foreign_key_list(${name})`).all() as { table: string; from: string; to: string; on_delete: string }[];
      for (const fk of fks) {
        const action = fk.on_delete === 'NO ACTION' ? '' : ` on delete ${fk.on_delete.toLowerCase()}`;
        shape.foreignKeys.add(`${name}.${fk.from}->${fk.table}.${fk.to}${action}`);
      }
      const createSql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) as { sql: string }).sql;
      for (const check of checkConstraintsOf(createSql)) shape.checks.add(check);
    }
  } finally {
    db.close();
  }
  return shape;
}

function mssqlScripts(): string[] {
  return [MIGRATIONS_TABLE_DDL.mssql, ...readMigrationFiles(sqlRoot, 'mssql').map((f) => f.batches.join('\n;\n'))];
}

test('both dialects have the same numbered migrations', () => {
  const names = (dialect: 'sqlite' | 'mssql'): string[] => readMigrationFiles(sqlRoot, dialect).map((f) => `${f.version}_${f.name}`);
  assert.deepEqual(names('mssql'), names('sqlite'));
  assert.ok(names('sqlite').length >= 1);
});

test('SQL Server and SQLite define the same tables, columns, types, nullability, defaults, keys and indexes', async () => {
  const temp = makeTempDir('parity');
  try {
    const file = path.join(temp.dir, 'parity.sqlite');
    const database = openSqlite(file);
    await migrate(database, readMigrationFiles(sqlRoot, 'sqlite'), () => new Date('2026-01-01T00:00:00Z'));
    await database.close();

    const sqlite = readSqliteSchema(file);
    const mssql = readTsqlSchema(mssqlScripts());

    assert.deepEqual([...mssql.tables.keys()].sort(), [...sqlite.tables.keys()].sort(), 'tables');
    for (const [table, columns] of sqlite.tables) {
      assert.deepEqual(mssql.tables.get(table), columns, `columns of ${table}`);
    }
    assert.deepEqual([...mssql.uniques].sort(), [...sqlite.uniques].sort(), 'primary keys and unique keys');
    assert.deepEqual([...mssql.foreignKeys].sort(), [...sqlite.foreignKeys].sort(), 'foreign keys');
    assert.deepEqual([...mssql.indexes].sort(), [...sqlite.indexes].sort(), 'indexes');
    assert.deepEqual([...mssql.checks].sort(), [...sqlite.checks].sort(), 'CHECK constraints');
    assert.ok(sqlite.checks.size >= 4, 'the CHECK constraints were found at all');
    assert.ok([...sqlite.foreignKeys].some((fk) => fk.endsWith(' on delete cascade')), 'ON DELETE was read');
    assert.ok([...sqlite.uniques].some((u) => u.includes(' where ')), 'index filters were read');
    // The books of DESIGN §3 are all there.
    for (const table of ['users', 'partners', 'contact_persons', 'electronic_addresses', 'electronic_address_types', 'cc_settings',
      'exchanges', 'exchange_number_rules', 'lines', 'call_history', 'activities', 'tasks', 'notifications']) {
      assert.ok(sqlite.tables.has(table), `table ${table}`);
    }
  } finally {
    temp.remove();
  }
});

test('the call history is unique per exchange, call id, line and participation', () => {
  const mssql = readTsqlSchema(mssqlScripts());
  assert.ok(mssql.uniques.has('call_history(exchange_id,call_id,line,participation)'));
  const line = mssql.tables.get('call_history')?.find((c) => c.name === 'line');
  assert.deepEqual(line, { name: 'line', type: 'NVARCHAR(20)', notNull: true, default: "''" });
});

test('the T-SQL reader fails loudly on a statement it does not understand, so the comparison cannot pass vacuously', () => {
  assert.throws(() => readTsqlSchema(['CREATE VIEW v AS SELECT 1']), /not understood/);
});
