// The architecture's import rules are lint errors; these tests prove the rules bite,
// so that a broken eslint.config.mjs cannot quietly let I/O into the pure core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath, code) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('pure core modules may not import node:* modules, drivers or adapters', async () => {
  const messages = await restrictedImports(
    'connector/src/phone/phoneNumbers.ts',
    "import { readFileSync } from 'node:fs';\nimport Database from 'better-sqlite3';\nimport { openSqlite } from '../db/database.js';\nexport const all = [readFileSync, Database, openSqlite];\n",
  );
  assert.equal(messages.length, 3, messages.join('\n'));
});

test('pure core modules may import types from adapters, and other pure modules', async () => {
  const messages = await restrictedImports(
    'connector/src/seed/historyGenerator.ts',
    "import type { Database } from '../db/database.js';\nimport { SeededRandom } from './random.js';\nexport type D = Database;\nexport const r = SeededRandom;\n",
  );
  assert.deepEqual(messages, []);
});

test('the shared protocol depends on no side, and clients reach the connector only through it', async () => {
  assert.equal((await restrictedImports('protocol/src/health.ts', "import { x } from '@cc/connector';\nexport const y = x;\n")).length, 1);
  assert.equal((await restrictedImports('dashboards/src/shaping/localBuckets.ts', "import { x } from '../../../connector/src/errors.js';\nexport const y = x;\n")).length, 1);
  assert.equal((await restrictedImports('desktop-client/src/common/contactCenterState.ts', "import { app } from 'electron';\nexport const a = app;\n")).length, 1);
});

test('adapters may do I/O', async () => {
  assert.deepEqual(await restrictedImports('connector/src/db/database.ts', "import { mkdirSync } from 'node:fs';\nexport const m = mkdirSync;\n"), []);
});
