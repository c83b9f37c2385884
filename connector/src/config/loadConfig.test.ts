import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../testing/tempDir.js';
import { describeConfig, loadConfig } from './loadConfig.js';

test('without --config and without ./K2.ini the embedded default is used, under ./data of the current folder', async () => {
  const temp = makeTempDir('cfg');
  try {
    const loaded = await loadConfig({ cwd: temp.dir });
    assert.deepEqual(loaded.source, { kind: 'embedded' });
    assert.deepEqual(loaded.config.database, { driver: 'sqlite', file: path.join(temp.dir, 'data', 'k2.sqlite') });
    assert.equal(loaded.config.connector.simulator, true);
  } finally {
    temp.remove();
  }
});

test('./K2.ini is used when present; relative paths in it are resolved against its folder', async () => {
  const temp = makeTempDir('cfg');
  try {
    writeFileSync(path.join(temp.dir, 'K2.ini'), '[Database]\nDriver=sqlite\nFile=erp/k2.db\n[Connector]\nJournalDir=j\n');
    const loaded = await loadConfig({ cwd: temp.dir });
    assert.deepEqual(loaded.source, { kind: 'file', path: path.join(temp.dir, 'K2.ini') });
    assert.deepEqual(loaded.config.database, { driver: 'sqlite', file: path.join(temp.dir, 'erp', 'k2.db') });
    assert.equal(loaded.config.connector.journalDir, path.join(temp.dir, 'j'));
  } finally {
    temp.remove();
  }
});

test('a --config file that cannot be read is a clear error naming the file', async () => {
  const temp = makeTempDir('cfg');
  try {
    await assert.rejects(loadConfig({ cwd: temp.dir, configPath: 'missing.ini' }), {
      code: 'CONFIG_UNREADABLE',
      message: `cannot read the configuration file ${path.join(temp.dir, 'missing.ini')} (ENOENT)`,
    });
  } finally {
    temp.remove();
  }
});

test('an invalid file lists every problem in one message', async () => {
  const temp = makeTempDir('cfg');
  try {
    const file = path.join(temp.dir, 'bad.ini');
    writeFileSync(file, '[Database]\nDriver=mssql\nPort=abc\nPassword=hunter2\n');
    await assert.rejects(loadConfig({ cwd: temp.dir, configPath: file }), (error: Error) => {
      assert.equal(
        error.message,
        `invalid configuration in ${file}:\n  - [Database] Port must be a number between 1 and 65535, got 'abc'\n` +
          '  - [Database] Server is required when [Database] Driver=mssql\n  - [Database] Database is required when [Database] Driver=mssql\n' +
          '  - [Database] User is required when [Database] Driver=mssql',
      );
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
  } finally {
    temp.remove();
  }
});

test('the configuration as logged masks the database password', async () => {
  const temp = makeTempDir('cfg');
  try {
    const file = path.join(temp.dir, 'K2.ini');
    writeFileSync(file, '[Database]\nDriver=mssql\nServer=sql\nDatabase=K2\nUser=k2\nPassword=hunter2\n');
    const loaded = await loadConfig({ cwd: temp.dir, configPath: file });
    const logged = JSON.stringify(describeConfig(loaded.config));
    assert.doesNotMatch(logged, /hunter2/);
    assert.match(logged, /"password":"\*{8}"/);
  } finally {
    temp.remove();
  }
});
