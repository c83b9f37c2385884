import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIni, type IniDocument } from './iniParser.js';

function parsed(text: string): IniDocument {
  const result = parseIni(text);
  assert.ok(result.ok, `expected ${JSON.stringify(text)} to parse`);
  return result.document;
}

function value(doc: IniDocument, section: string, key: string): string | undefined {
  return doc.sections.get(section.toLowerCase())?.entries.get(key.toLowerCase())?.value;
}

test('keys before the first section belong to the global section', () => {
  const doc = parsed('CCUSER=RECORDER\n[Database]\nDriver=sqlite\n');
  assert.equal(value(doc, '', 'CCUSER'), 'RECORDER');
  assert.equal(value(doc, 'Database', 'Driver'), 'sqlite');
});

test('section names and keys are case-insensitive, the spelling in the file is kept for messages', () => {
  const doc = parsed('[DATABASE]\ndriver = mssql\n');
  assert.equal(value(doc, 'database', 'DRIVER'), 'mssql');
  assert.equal(doc.sections.get('database')?.name, 'DATABASE');
  assert.equal(doc.sections.get('database')?.entries.get('driver')?.key, 'driver');
});

test('comments, blank lines, CRLF, a BOM and spaces around = are understood', () => {
  const doc = parsed('\uFEFF; comment\r\n# another\r\n\r\n[Connector]\r\n  Port  =  8741  \r\n');
  assert.equal(value(doc, 'Connector', 'Port'), '8741');
});

test('a value keeps everything after the first =, and double quotes keep spaces and ;', () => {
  const doc = parsed('[Database]\nPassword=a=b;c\nUser=" sa ; x "\n');
  assert.equal(value(doc, 'Database', 'Password'), 'a=b;c');
  assert.equal(value(doc, 'Database', 'User'), ' sa ; x ');
});

test('a line that is neither KEY=value nor [Section] is reported by its number, without echoing it', () => {
  const result = parseIni('[Database]\nPassword Pa55word!\n');
  assert.ok(!result.ok);
  assert.deepEqual(result.problems, [{ line: 2, message: 'expected KEY=value or [Section]' }]);
});

test('a key set twice in one section is an error, not a silent override', () => {
  const result = parseIni('[Database]\nPort=1\nport=2\n');
  assert.ok(!result.ok);
  assert.match(result.problems[0]?.message ?? '', /\[Database\] port is set twice \(first on line 2\)/);
});

test('a section given twice and a header without a name are errors', () => {
  const result = parseIni('[Database]\n[database]\n[ ]\n');
  assert.ok(!result.ok);
  assert.deepEqual(result.problems.map((p) => p.line), [2, 3]);
});
