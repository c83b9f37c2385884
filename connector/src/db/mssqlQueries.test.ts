import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileOnlyMssql, type CapturedStatement, type Responder } from '../testing/compileOnlyMssql.js';
import { readMigrationFiles } from './migrationFiles.js';
import { migrate } from './migrations.js';
import { aggregateCallHistory, listCallHistory } from './repositories/callHistoryQueries.js';
import { receivedCall } from './repositories/callHistoryFixtures.js';
import { writeCallHistory } from './repositories/callHistoryRepository.js';
import { findContactsByE164 } from './repositories/contactsRepository.js';
import { loadRecorderConfig } from './repositories/recorderConfigRepository.js';
import { addMissedCallNotification } from './repositories/notificationsRepository.js';
import { relabelHistory } from './repositories/relabelRepository.js';
import { seedDemoData } from '../seed/seedDatabase.js';
import { buildDemoDataset } from '../seed/demoData.js';
import { sqlRoot } from '../paths.js';

/**
 * SQL Server cannot run here. These tests run the very repository functions
 * the connector uses through Kysely's SQL Server compiler and check the T-SQL
 * that would go over TDS: named parameters, SQL Server syntax only, and the
 * idempotent write without MERGE.
 */
const NOW = new Date('2026-11-20T10:00:00.000Z');

/** What must never reach SQL Server: other dialects' syntax, inlined values, too many parameters. */
function assertTsql(statements: readonly CapturedStatement[]): void {
  assert.ok(statements.length > 0, 'something was compiled');
  for (const { sql, parameters } of statements) {
    assert.doesNotMatch(sql, /\?|`|\blimit\b|\breturning\b|\bon conflict\b|\bmerge\b|\bilike\b/i, sql);
    assert.ok(parameters.length <= 2100, `at most 2,100 parameters per request, got ${parameters.length}`);
    const placeholders = new Set([...sql.matchAll(/@(\d+)/g)].map((m) => Number(m[1])));
    assert.deepEqual([...placeholders].sort((a, b) => a - b), parameters.map((_, i) => i + 1), `@1…@${parameters.length} in ${sql.slice(0, 120)}`);
    for (const value of parameters) {
      assert.ok(value === null || ['string', 'number'].includes(typeof value), `parameters are text, numbers or NULL: ${String(value)}`);
    }
  }
}

function respondBy(table: readonly (readonly [RegExp, unknown[]])[]): Responder {
  return ({ sql }) => ({ rows: table.find(([pattern]) => pattern.test(sql))?.[1] ?? [] });
}

test('loading the recorder configuration compiles to T-SQL with named parameters', async () => {
  const { database, statements } = compileOnlyMssql(respondBy([
    [/from "users"/, [{ id: 1, code: 'RECORDER', active: true }]],
    [/from "lines" where "user_id"/, [{ exchange_id: 1 }]],
    [/from "exchanges"/, [{ id: 1, name: 'PBX', active: true, country_code: 'CZ', use_web_pbx: false, ami_host: 'pbx', ami_port: 5038, ami_user: 'u', ami_password: 'p', outside_line_prefix: '0', international_prefix: '00', default_context: 'from-internal', timeout_seconds: 30, line_channel_template: 'PJSIP/{line}', recording_url: null, pbx_version: null, web_host: null, web_port: null }]],
  ]));
  const config = await loadRecorderConfig(database, 'recorder');
  assertTsql(statements);
  assert.equal(config.exchanges[0]?.useWebPbx, false, 'BIT columns read as booleans from tedious');
  assert.equal(statements[0]?.sql, 'select "id", "code", "active" from "users" where "code" = @1');
  assert.deepEqual(statements[0].parameters, ['RECORDER']);
  assert.match(statements.map((s) => s.sql).join('\n'), /where "active" = @1 order by "id"/);
  assert.match(statements.map((s) => s.sql).join('\n'), /"lines"\."line" <> @2/);
});

test('finding contacts by number compiles to one parameterized join on the indexed E.164 column', async () => {
  const { database, statements } = compileOnlyMssql();
  await findContactsByE164(database, '+420601234567', ['TELCC', 'TEL']);
  assertTsql(statements);
  assert.equal(statements.length, 1);
  assert.match(statements[0]?.sql ?? '', /where "ea"\."number_e164" = @1 and "ea"\."address_type" in \(@2, @3\) order by "cp"\."id"$/);
  assert.deepEqual(statements[0]?.parameters, ['+420601234567', 'TELCC', 'TEL']);
});

test('the idempotent write is an insert guarded by NOT EXISTS under UPDLOCK, HOLDLOCK, in one transaction with its matches', async () => {
  const { database, statements } = compileOnlyMssql(respondBy([[/^DECLARE @inserted TABLE/, [{ id: 7 }]]]));
  const result = await writeCallHistory(database, receivedCall(), NOW);
  assertTsql(statements);
  assert.deepEqual(result, { written: true, id: 7 });
  assert.deepEqual(statements.map((s) => s.sql.split('\n')[0]?.slice(0, 30)), [
    'BEGIN TRANSACTION', 'DECLARE @inserted TABLE (id IN', 'insert into "call_history_matc', 'COMMIT',
  ]);
  const insert = statements[1];
  assert.ok(insert);
  assert.match(insert.sql, /^DECLARE @inserted TABLE \(id INT\);\nINSERT INTO call_history \("exchange_id", "call_id", "line", .*"created_at"\)\nOUTPUT inserted\.id INTO @inserted\nSELECT @1, @2,/);
  assert.match(insert.sql, /WHERE NOT EXISTS \(\n {2}SELECT 1 FROM call_history WITH \(UPDLOCK, HOLDLOCK\)\n {2}WHERE exchange_id = @22 AND call_id = @23\n {4}AND "line" = @24 AND participation = @25\n\);\nSELECT id FROM @inserted;$/);
  assert.equal(insert.parameters.length, 25);
  // Times go as ISO text without a zone (DATETIME2 under any DATEFORMAT), booleans as 0/1.
  assert.ok(insert.parameters.includes('2026-11-20T08:21:47.661'));
  assert.deepEqual(insert.parameters.slice(0, 8), [1, '1795314107.0', '201', 1, 'received', 0, 0, '+420601234567']);
});

test('a replayed write finds the row already there and reports it, writing nothing more', async () => {
  const { database, statements } = compileOnlyMssql(respondBy([[/^DECLARE @inserted TABLE/, []], [/^select "id" from "call_history"/, [{ id: 7 }]]]));
  assert.deepEqual(await writeCallHistory(database, receivedCall(), NOW), { written: false, id: 7 });
  assertTsql(statements);
  assert.equal(statements.filter((s) => /call_history_matches/.test(s.sql)).length, 0);
});

test('a unique-key violation (2627 or 2601) from a racing writer means "already written"', async () => {
  for (const number of [2627, 2601]) {
    const violation = Object.assign(new Error('Violation of UNIQUE KEY constraint'), { number });
    const { database } = compileOnlyMssql((s) =>
      /^DECLARE @inserted TABLE/.test(s.sql) ? { error: violation } : /^select "id"/.test(s.sql) ? { rows: [{ id: 9 }] } : { rows: [] },
    );
    assert.deepEqual(await writeCallHistory(database, receivedCall(), NOW), { written: false, id: 9 });
  }
  const other = Object.assign(new Error('Deadlock victim'), { number: 1205 });
  const { database } = compileOnlyMssql((s) => (/^DECLARE @inserted TABLE/.test(s.sql) ? { error: other } : { rows: [] }));
  await assert.rejects(writeCallHistory(database, receivedCall(), NOW), /Deadlock victim/);
});

test('listing pages with OFFSET … FETCH NEXT, which SQL Server 2012 and later accept', async () => {
  const { database, statements } = compileOnlyMssql();
  await listCallHistory(database, { limit: 50, offset: 100, responsibleUserId: 2, from: NOW });
  assertTsql(statements);
  assert.match(statements[0]?.sql ?? '', /order by "ch"\."started_at" desc, "ch"\."id" desc offset @3 rows fetch next @4 rows only$/);
  assert.deepEqual(statements[0]?.parameters, ['2026-11-20T10:00:00.000', 2, 100, 50]);
});

test('aggregates group by the UTC hour with CONVERT(CHAR(13), …, 126), repeated in GROUP BY', async () => {
  const { database, statements } = compileOnlyMssql();
  await aggregateCallHistory(database, { from: NOW, to: NOW, by: 'partner' });
  assertTsql(statements);
  const sql = statements[0]?.sql ?? '';
  assert.match(sql, /^select CONVERT\(CHAR\(13\), "started_at", 126\) as "utc_hour", "call_type", "internal", count\(distinct concat\(exchange_id, '\/', call_id\)\) as "calls"/);
  assert.match(sql, /group by CONVERT\(CHAR\(13\), "started_at", 126\), "call_type", "internal", "partner_id"/);
});

test('each migration runs as its GO batches, whole, in a transaction that holds the migration lock, and is recorded', async () => {
  const { database, statements } = compileOnlyMssql();
  const files = readMigrationFiles(sqlRoot, 'mssql');
  assert.ok(files.length >= 1);
  await migrate(database, files, () => NOW);
  assert.match(statements[0]?.sql ?? '', /^IF OBJECT_ID\(N'schema_migrations', N'U'\) IS NULL\nCREATE TABLE schema_migrations/);
  const perMigration = statements.slice(2).map((s) => s.sql);
  const expected = files.flatMap((f) => ['BEGIN TRANSACTION', 'lock', 'already applied?', ...f.batches, 'record', 'COMMIT']);
  assert.equal(perMigration.length, expected.length);
  perMigration.forEach((sql, i) => {
    const want = expected[i] ?? '';
    if (want === 'lock') assert.match(sql, /EXEC @lock = sp_getapplock @Resource = N'contact-center-schema-migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction'/);
    else if (want === 'already applied?') assert.equal(sql, 'select "version" from "schema_migrations" where "version" = @1');
    else if (want === 'record') assert.equal(sql, 'insert into "schema_migrations" ("version", "name", "checksum", "applied_at") values (@1, @2, @3, @4)');
    else assert.equal(sql, want);
  });
  assertTsql(statements.filter((s) => /^(select|insert)/.test(s.sql)));
});

test('a migration another connector applied while we waited for the lock is skipped', async () => {
  const { database, statements } = compileOnlyMssql(respondBy([[/^select "version" from "schema_migrations" where/, [{ version: 1 }]]]));
  assert.deepEqual(await migrate(database, readMigrationFiles(sqlRoot, 'mssql'), () => NOW), []);
  assert.equal(statements.filter((s) => s.sql.startsWith('CREATE TABLE partners')).length, 0);
});

test('the demo seed fits SQL Server: every multi-row insert stays under 2,100 parameters', async () => {
  const data = buildDemoDataset();
  let contactId = 0;
  const { database, statements } = compileOnlyMssql(({ sql }) => {
    if (/count\(\*\) as "n"/.test(sql)) return { rows: [{ n: 0 }] };
    if (/^select "id", "abbr" from "partners"$/.test(sql)) return { rows: data.partners.map((p, i) => ({ id: i + 1, abbr: p.abbr })) };
    if (/INSERT INTO "contact_persons" .*\nOUTPUT inserted\.id INTO @inserted\n/.test(sql)) return { rows: [{ id: ++contactId }] };
    if (/^select "id", "code" from "users"$/.test(sql)) return { rows: data.users.map((u, i) => ({ id: i + 1, code: u.code })) };
    if (/^select "id" from "call_history"/.test(sql)) return { rows: [{ id: 1 }] };
    return { rows: [] };
  });
  const summary = await seedDemoData(database, { historyCalls: 2_000, until: NOW });
  assertTsql(statements);
  assert.equal(summary.partners, 50);
  assert.equal(contactId, 300, 'each contact person is inserted with OUTPUT inserted.id (INTO a table variable)');
  assert.ok(statements.some((s) => s.parameters.length > 1_500), 'large inserts are batched up to the limit, not row by row');
});

test('re-labelling and missed-call notifications compile to T-SQL too', async () => {
  const { database, statements } = compileOnlyMssql(respondBy([
    [/^select "ch"\."id" from "call_history" as "ch"/, [{ id: 7 }, { id: 8 }]],
    [/INSERT INTO "notifications" .*\nOUTPUT inserted\.id INTO @inserted/, [{ id: 41 }]],
  ]));
  assert.equal(await relabelHistory(database, '+420777111222', [{ contactPersonId: 12, partnerId: 3 }]), 2);
  assert.equal(await addMissedCallNotification(database, 2, 7, 'Missed call from +420777111222', NOW), 41);
  assertTsql(statements);
  const sql = statements.map((s) => s.sql).join('\n');
  assert.match(sql, /not exists \(select "m"\."call_history_id" from "call_history_matches" as "m" where "m"\."call_history_id" = "ch"\."id"\)/);
  assert.match(sql, /update "call_history" set "contact_person_id" = @1, "partner_id" = @2 where "id" in \(@3, @4\)/);
  assert.match(sql, /DECLARE @inserted TABLE \(id INT\);\nINSERT INTO "notifications" \("user_id", "kind", "call_history_id", "message", "created_at", "seen_at"\)\nOUTPUT inserted\.id INTO @inserted\nVALUES \(@1, @2, @3, @4, @5, @6\);\nSELECT id FROM @inserted;/, 'the new id through a table variable: ERP books may have triggers');
});
