// The documented example must stay a valid configuration that names every key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseIni } from '../connector/dist/config/iniParser.js';
import { readK2Config } from '../connector/dist/config/k2Config.js';

const text = readFileSync(fileURLToPath(new URL('../config/K2.ini.example', import.meta.url)), 'utf8');

test('config/K2.ini.example is a valid configuration', () => {
  const parsed = parseIni(text);
  assert.ok(parsed.ok);
  const result = readK2Config(parsed.document);
  assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
  assert.equal(result.config.database.driver, 'mssql');
});

test('config/K2.ini.example documents every key, each with a comment', () => {
  const keys = ['CCUSER', 'Driver', 'File', 'Server', 'Port', 'Instance', 'Database', 'User', 'Password', 'Encrypt', 'TrustServerCertificate',
    'Listen', 'TlsCert', 'TlsKey', 'AllowInsecureNetwork', 'JournalDir', 'LogLevel', 'Simulator', 'DataDir'];
  const lines = text.split('\n');
  for (const key of keys) {
    const index = lines.findIndex((l) => new RegExp(`^;?${key}=`).test(l));
    assert.ok(index > 0, `${key} is in the example`);
    assert.match(lines[index - 1] ?? '', /^;/, `${key} has a comment above it`);
  }
});
