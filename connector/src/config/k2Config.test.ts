import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIni } from './iniParser.js';
import { DEFAULT_HTTP_PORT, readK2Config, type ConfigResult } from './k2Config.js';

function read(text: string): ConfigResult {
  const parsed = parseIni(text);
  assert.ok(parsed.ok, 'the test text must be valid INI');
  return readK2Config(parsed.document);
}

function problems(text: string): readonly string[] {
  const result = read(text);
  assert.ok(!result.ok, `expected ${JSON.stringify(text)} to be refused`);
  return result.problems;
}

const MSSQL = '[Database]\nDriver=mssql\nServer=erp-sql\nDatabase=K2\nUser=k2cc\nPassword=S3cret!pw\n';

test('a minimal SQLite file gets every default', () => {
  const result = read('[Database]\nDriver=sqlite\n');
  assert.ok(result.ok);
  assert.equal(result.config.ccUser, 'RECORDER');
  assert.deepEqual(result.config.database, { driver: 'sqlite', file: 'data/k2.sqlite' });
  assert.equal(result.config.connector.listen, '127.0.0.1');
  assert.equal(result.config.connector.port, DEFAULT_HTTP_PORT);
  assert.equal(result.config.connector.journalDir, 'data/journal');
  assert.equal(result.config.connector.logLevel, 'info');
  assert.equal(result.config.connector.simulator, false);
});

test('a SQL Server file is read with its defaults (port 1433, encrypted, certificate checked)', () => {
  const result = read(`CCUSER=cc_rec\n${MSSQL}`);
  assert.ok(result.ok);
  assert.equal(result.config.ccUser, 'cc_rec');
  assert.ok(result.config.database.driver === 'mssql');
  assert.deepEqual({ ...result.config.database, password: result.config.database.password.reveal() }, {
    driver: 'mssql', server: 'erp-sql', port: 1433, instance: undefined, database: 'K2', user: 'k2cc',
    password: 'S3cret!pw', encrypt: true, trustServerCertificate: false,
  });
  assert.doesNotMatch(JSON.stringify(result.config), /S3cret!pw/);
});

test('a named instance, as Instance= or as Server=HOST\\INSTANCE, leaves the port to the SQL Browser', () => {
  for (const text of [`${MSSQL}Instance=K2PROD\n`, MSSQL.replace('Server=erp-sql', 'Server=erp-sql\\K2PROD')]) {
    const result = read(text);
    assert.ok(result.ok && result.config.database.driver === 'mssql');
    assert.equal(result.config.database.server, 'erp-sql');
    assert.equal(result.config.database.port, undefined);
    assert.equal(result.config.database.instance, 'K2PROD');
  }
});

test('a port together with a named instance, or the instance given twice, is refused', () => {
  assert.deepEqual(problems(`${MSSQL}Instance=K2PROD\nPort=1433\n`), [
    "[Database] Port and a named instance exclude each other: the SQL Browser tells the instance's port; remove one",
  ]);
  assert.deepEqual(problems(MSSQL.replace('Server=erp-sql', 'Server=erp-sql\\A') + 'Instance=B\n'), [
    '[Database] Server names an instance (HOST\\INSTANCE) and Instance is set too; give the instance once',
  ]);
});

test('the SQLite file lives in DataDir unless File says otherwise', () => {
  const result = read('[Database]\nDriver=sqlite\n[Connector]\nDataDir=/var/lib/cc\n');
  assert.ok(result.ok);
  assert.deepEqual(result.config.database, { driver: 'sqlite', file: '/var/lib/cc/k2.sqlite' });
  assert.equal(result.config.connector.journalDir, '/var/lib/cc/journal');
});

test('every [Connector] key is read', () => {
  const result = read(
    '[Database]\nDriver=sqlite\nFile=erp.db\n[Connector]\nListen=10.0.0.5\nPort=9000\nTlsCert=c.pem\nTlsKey=k.pem\n' +
      'JournalDir=j\nLogLevel=debug\nSimulator=yes\nSimulatorPort=5040\nSimulatorControlPort=5041\nSimulatorCallsPerMinute=6\nDataDir=d\n',
  );
  assert.ok(result.ok);
  assert.deepEqual(result.config.connector, {
    listen: '10.0.0.5', port: 9000, tlsCert: 'c.pem', tlsKey: 'k.pem', allowInsecureNetwork: false,
    dataDir: 'd', journalDir: 'j', logLevel: 'debug', simulator: true, simulatorPort: 5040, simulatorControlPort: 5041, simulatorCallsPerMinute: 6,
  });
});

test('a missing [Database] section is named', () => {
  assert.deepEqual(problems('[Connector]\nPort=8740\n'), ['[Database] section is missing; it needs at least Driver=sqlite or Driver=mssql']);
});

test('a missing driver and an unknown driver are named with the allowed values', () => {
  assert.deepEqual(problems('[Database]\nFile=x.db\n'), ['[Database] Driver is required (sqlite or mssql)']);
  assert.deepEqual(problems('[Database]\nDriver=oracle\n'), ["[Database] Driver must be one of sqlite, mssql, got 'oracle'"]);
});

test('a bad port names section, key, range and the value given', () => {
  assert.deepEqual(problems(`${MSSQL}Port=abc\n`), ["[Database] Port must be a number between 1 and 65535, got 'abc'"]);
  assert.deepEqual(problems('[Database]\nDriver=sqlite\n[Connector]\nPort=70000\n'), [
    "[Connector] Port must be a number between 1 and 65535, got '70000'",
  ]);
});

test('SQL Server needs a host, a database and a user; the password is never echoed', () => {
  const list = problems('[Database]\nDriver=mssql\nPassword=Top$ecret\n');
  assert.deepEqual(list, [
    '[Database] Server is required when [Database] Driver=mssql',
    '[Database] Database is required when [Database] Driver=mssql',
    '[Database] User is required when [Database] Driver=mssql',
  ]);
  assert.ok(list.every((p) => !p.includes('Top$ecret')));
});

test('a bad yes/no value and an unknown log level are named', () => {
  assert.deepEqual(problems(`${MSSQL}Encrypt=maybe\n[Connector]\nLogLevel=loud\n`).slice().sort(), [
    "[Connector] LogLevel must be one of fatal, error, warn, info, debug, trace, got 'loud'",
    "[Database] Encrypt must be yes or no, got 'maybe'",
  ]);
});

test('unknown sections and keys are reported, so that a typo is not silently ignored', () => {
  assert.deepEqual(problems('[Database]\nDriver=sqlite\nProt=1\n[Databse]\nDriver=x\n'), [
    '[Database] Prot (line 3) is not a known setting',
    '[Databse] (line 4) is not a known section; known sections are [Database], [Desk], [Connector]',
  ]);
});

test('a SQL Server key in a SQLite file is not reported as unknown', () => {
  assert.ok(read('[Database]\nDriver=sqlite\nServer=old-host\n').ok);
});

test('listening on the network needs TLS or an explicit opt-out', () => {
  assert.deepEqual(problems('[Database]\nDriver=sqlite\n[Connector]\nListen=0.0.0.0\n'), [
    '[Connector] Listen=0.0.0.0 exposes the connector on the network: set TlsCert and TlsKey, or AllowInsecureNetwork=yes to accept plain HTTP',
  ]);
  assert.ok(read('[Database]\nDriver=sqlite\n[Connector]\nListen=0.0.0.0\nAllowInsecureNetwork=yes\n').ok);
  assert.ok(read('[Database]\nDriver=sqlite\n[Connector]\nListen=::1\n').ok);
  assert.deepEqual(problems('[Database]\nDriver=sqlite\n[Connector]\nListen=[::1]\n'), [
    "[Connector] Listen must be an IP address or host name (IPv6 without brackets), got '[::1]'",
  ]);
});

test('a certificate without its key is refused', () => {
  assert.deepEqual(problems('[Database]\nDriver=sqlite\n[Connector]\nTlsCert=c.pem\n'), [
    '[Connector] TlsCert and TlsKey must be set together (a certificate and its private key)',
  ]);
});
