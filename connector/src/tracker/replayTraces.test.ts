import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRecorderConfig } from '../db/repositories/recorderConfigRepository.js';
import { FIXED_NOW, openTestDatabase } from '../testing/demoDatabase.js';
import { makeTempDir } from '../testing/tempDir.js';
import { replayTrace, type ReplayRow } from './replayTrace.js';

const FIXTURES = fileURLToPath(new URL('../../test-fixtures/', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/connector.js', import.meta.url));
const TIME_FIELDS = ['start', 'end', 'ringSeconds', 'talkSeconds'] as const;

function expected(name: string): ReplayRow[] {
  return readFileSync(path.join(FIXTURES, 'expected-history', `${name}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ReplayRow);
}

/** The rows of the check: every field equal, times within 1 s. */
function assertRows(actual: readonly ReplayRow[], wanted: readonly ReplayRow[], name: string): void {
  assert.equal(actual.length, wanted.length, `${name}: ${actual.length} rows, expected ${wanted.length}\n${JSON.stringify(actual, null, 1)}`);
  wanted.forEach((w, i) => {
    const a = actual[i];
    assert.ok(a);
    const strip = (r: ReplayRow): Record<string, unknown> => Object.fromEntries(Object.entries(r).filter(([k]) => !(TIME_FIELDS as readonly string[]).includes(k)));
    assert.deepEqual(strip(a), strip(w), `${name} row ${i + 1}`);
    assert.ok(Math.abs(Date.parse(a.start) - Date.parse(w.start)) <= 1_000, `${name} row ${i + 1} start ${a.start} vs ${w.start}`);
    assert.ok(Math.abs(Date.parse(a.end) - Date.parse(w.end)) <= 1_000, `${name} row ${i + 1} end ${a.end} vs ${w.end}`);
    assert.ok(Math.abs(a.ringSeconds - w.ringSeconds) <= 1, `${name} row ${i + 1} ring ${a.ringSeconds} vs ${w.ringSeconds}`);
    assert.ok(Math.abs(a.talkSeconds - w.talkSeconds) <= 1, `${name} row ${i + 1} talk ${a.talkSeconds} vs ${w.talkSeconds}`);
  });
}

test('every recorded trace replays to the rows written by hand from its description', async () => {
  const t = await openTestDatabase({ seed: true });
  try {
    const recorder = await loadRecorderConfig(t.database, 'RECORDER');
    const traces = readdirSync(path.join(FIXTURES, 'ami-traces')).filter((f) => f.endsWith('.jsonl'));
    assert.equal(traces.length, 10);
    for (const file of traces) {
      const name = file.replace(/\.jsonl$/, '');
      const rows = await replayTrace(t.database, recorder, readFileSync(path.join(FIXTURES, 'ami-traces', file), 'utf8'), { exchangeId: undefined, dryRun: true, now: FIXED_NOW });
      assertRows(rows, expected(name), name);
    }
    assert.deepEqual(await t.database.db.selectFrom('call_history').selectAll().execute(), [], '--dry-run writes nothing');
  } finally {
    await t.cleanup();
  }
});

function connector(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

test('connector replay prints the rows as JSON lines, writes them, and a second run writes nothing new', async () => {
  const temp = makeTempDir('replay');
  try {
    writeFileSync(path.join(temp.dir, 'K2.ini'), '[Database]\nDriver=sqlite\nFile=erp.sqlite\n');
    assert.equal((await connector(['migrate'], temp.dir)).code, 0);
    assert.equal((await connector(['seed', '--demo'], temp.dir)).code, 0);
    const trace = path.join(FIXTURES, 'ami-traces', 'blind-transfer.jsonl');
    for (let run = 0; run < 2; run++) {
      const result = await connector(['replay', trace], temp.dir);
      assert.equal(result.code, 0, result.stderr);
      assertRows(result.stdout.trim().split('\n').map((l) => JSON.parse(l) as ReplayRow), expected('blind-transfer'), 'blind-transfer');
    }
    const database = await import('../db/database.js').then((m) => m.openSqlite(path.join(temp.dir, 'erp.sqlite')));
    const stored = await database.db.selectFrom('call_history').select(['line', 'call_type', 'transferred', 'contact_person_id']).orderBy('started_at').execute();
    await database.close();
    assert.deepEqual(stored, [
      { line: '201', call_type: 'received', transferred: 1, contact_person_id: 11 },
      { line: '203', call_type: 'received', transferred: 1, contact_person_id: 11 },
    ]);
    const bad = await connector(['replay', path.join(FIXTURES, 'expected-history', 'README.md'), '--dry-run'], temp.dir);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /not a trace: line 1 is not JSON/);
  } finally {
    temp.remove();
  }
});
