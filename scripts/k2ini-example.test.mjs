// The documented example must stay a valid configuration that names every key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseIni } from '../connector/dist/config/iniParser.js';
import { KNOWN_SETTINGS, readK2Config } from '../connector/dist/config/k2Config.js';

const text = readFileSync(fileURLToPath(new URL('../config/K2.ini.example', import.meta.url)), 'utf8');

test('config/K2.ini.example is a valid configuration', () => {
  const parsed = parseIni(text);
  assert.ok(parsed.ok);
  const result = readK2Config(parsed.document);
  assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
  assert.equal(result.config.database.driver, 'mssql');
});

test('config/K2.ini.example documents every key the connector knows, each in its section with a comment', () => {
  const lines = text.split('\n');
  for (const [section, keys] of Object.entries(KNOWN_SETTINGS)) {
    const start = section === '' ? 0 : lines.findIndex((l) => l === `[${section}]`);
    assert.ok(start >= 0, `[${section}] is in the example`);
    const next = lines.findIndex((l, i) => i > start && /^\[/.test(l));
    const body = lines.slice(start, next === -1 ? undefined : next);
    for (const key of keys) {
      const index = body.findIndex((l) => new RegExp(`^;?${key}=`).test(l));
      assert.ok(index > 0, `${key} is in [${section}] of the example`);
      assert.match(body[index - 1] ?? '', /^;/, `${key} has a comment above it`);
    }
  }
});
