import { loadConfig, migrateHint } from '../config/loadConfig.js';
import { openDatabase } from '../db/database.js';
import { readMigrationFiles } from '../db/migrationFiles.js';
import { migrate, migrationLabel, planMigrations } from '../db/migrations.js';
import { ConnectorError, isConnectorError } from '../errors.js';
import { createRootLogger } from '../log/logger.js';
import { sqlRoot } from '../paths.js';
import { seedDemoData } from '../seed/seedDatabase.js';
import { demoLogins } from '../seed/demoData.js';
import { startService } from '../service/main.js';
import { capture, simulate } from './amiCommands.js';
import { replay } from './replayCommand.js';
import { userCommand } from './userCommand.js';
import { untilStopped } from './untilStopped.js';
import type { Command, OptionValues } from './command.js';

function configPath(values: OptionValues): string | undefined {
  return typeof values['config'] === 'string' ? values['config'] : undefined;
}

const start: Command = {
  name: 'start',
  summary: 'run the recorder service',
  usage: 'connector start [--config PATH] [--port N] [--simulator-port N] [--simulated-calls N]',
  help: `Runs the recorder: connects to the ERP database as CCUSER (default RECORDER, line 000),
loads the contact-center configuration and serves HTTP (GET /health) on [Connector] Listen:Port
(default 127.0.0.1:8740). The embedded default migrates and fills its SQLite database with demo
data on first run; a database named in K2.ini must be migrated first (connector migrate).
Stops on Ctrl+C (SIGINT) or SIGTERM.
  --port N        listen on this port instead of [Connector] Port (0: any free port)
  --simulator-port N   run the PBX simulator on this port instead of [Connector] SimulatorPort
                  (0: any free port; the exchanges pointing at SimulatorPort follow it)
  --simulated-calls N  calls a minute the simulator makes up instead of [Connector]
                  SimulatorCallsPerMinute (0: only those asked for on its control interface)`,
  options: { port: { type: 'string' }, 'simulator-port': { type: 'string' }, 'simulated-calls': { type: 'string' } },
  async run(values, io) {
    const port = parsePort(values['port']);
    const simulatorPort = parsePort(values['simulator-port']);
    const found = await loadConfig({ configPath: configPath(values), cwd: io.cwd });
    const calls = values['simulated-calls'];
    if (calls !== undefined && (typeof calls !== 'string' || !/^\d{1,3}$/.test(calls) || Number(calls) > 600)) {
      throw new ConnectorError('USAGE', `--simulated-calls must be a number from 0 to 600, got '${String(calls)}'`);
    }
    const connector = {
      ...found.config.connector, ...(port === undefined ? {} : { port }), ...(simulatorPort === undefined ? {} : { simulatorListenPort: simulatorPort }),
      ...(calls === undefined ? {} : { simulatorCallsPerMinute: Number(calls) }),
    };
    const loaded = { ...found, config: { ...found.config, connector } };
    const logger = createRootLogger(loaded.config.connector.logLevel);
    const service = await startService(loaded, logger);
    io.err(`connector ${service.url} is up (desk: ${service.url}/ , health: ${service.url}/health); Ctrl+C stops it`);
    if (loaded.source.kind === 'embedded') {
      io.err('demo logins (user / password, as seeded; `connector user password NAME` changes one):');
      for (const login of demoLogins()) io.err(`  ${login.user.padEnd(8)} / ${login.password.padEnd(14)} ${login.role}${login.line === null ? '' : `, line ${login.line}`}`);
    }
    if (service.simulatorControlUrl !== undefined) io.err(`PBX simulator control: ${service.simulatorControlUrl} (see docs/simulator.md)`);
    await untilStopped();
    await service.stop();
    io.err('connector stopped');
    return 0;
  },
};

const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  usage: 'connector migrate [--config PATH] [--check]',
  help: `Applies the numbered scripts of sql/sqlite/ or sql/mssql/ that the database has not had yet,
in order, each in its own transaction, and records them; a second run changes nothing.
  --check         only say what is pending; exit 3 if anything is`,
  options: { check: { type: 'boolean' } },
  async run(values, io) {
    const loaded = await loadConfig({ configPath: configPath(values), cwd: io.cwd });
    const check = values['check'] === true;
    const opened = await openDatabase(loaded.config.database, { create: !check }).catch((error: unknown) => {
      if (check && isConnectorError(error) && error.code === 'DB_NOT_MIGRATED') return undefined;
      throw error;
    });
    if (opened === undefined) {
      const files = readMigrationFiles(sqlRoot, loaded.config.database.driver);
      io.out(`pending: ${files.map(migrationLabel).join(', ')} (the database file does not exist yet)`);
      return 3;
    }
    const database = opened;
    try {
      const files = readMigrationFiles(sqlRoot, database.dialect.name);
      if (check) {
        const plan = await planMigrations(database, files);
        if (plan.pending.length === 0) {
          io.out(`up to date: ${plan.applied.length} migration(s) applied`);
          return 0;
        }
        io.out(`pending: ${plan.pending.map(migrationLabel).join(', ')}`);
        return 3;
      }
      const applied = await migrate(database, files, () => new Date());
      if (applied.length === 0) io.out(`up to date: nothing to apply (${files.length} migration(s) applied before)`);
      for (const file of applied) io.out(`applied ${migrationLabel(file)}`);
      return 0;
    } finally {
      await database.close();
    }
  },
};

const seed: Command = {
  name: 'seed',
  summary: 'fill an empty database with demo data',
  usage: 'connector seed --demo [--history N] [--until YYYY-MM-DD] [--config PATH]',
  help: `Fills an empty, migrated database with the demo data set (the same on every run): user
RECORDER with line 000, the Czech demo exchange (id 1) on the built-in simulator, agents on lines
201-210, ~50 partners and ~300 contact persons with TELCC numbers in the formats people type.
  --demo          the demo data set (required: it is the only one)
  --history N     also N past calls over the 18 months before --until (default 0)
  --until DATE    the end of the generated history (default: today)`,
  options: { demo: { type: 'boolean' }, history: { type: 'string' }, until: { type: 'string' } },
  async run(values, io) {
    if (values['demo'] !== true) throw new ConnectorError('USAGE', 'seed needs --demo (the demo data set is the only one)');
    const historyText = typeof values['history'] === 'string' ? values['history'] : '0';
    if (!/^\d{1,8}$/.test(historyText)) {
      throw new ConnectorError('USAGE', `--history must be a whole number of calls from 0 to 99999999, got '${historyText}'`);
    }
    const until = parseUntil(values['until']);
    const loaded = await loadConfig({ configPath: configPath(values), cwd: io.cwd });
    const hint = migrateHint(loaded.source);
    const database = await openDatabase(loaded.config.database, { create: false }).catch((error: unknown) => {
      throw isConnectorError(error) && error.code === 'DB_NOT_MIGRATED'
        ? new ConnectorError('DB_SCHEMA_OUTDATED', `${error.message}; run: ${hint}`, { cause: error })
        : error;
    });
    try {
      const plan = await planMigrations(database, readMigrationFiles(sqlRoot, database.dialect.name));
      if (plan.pending.length > 0) {
        throw new ConnectorError('DB_SCHEMA_OUTDATED', `the database needs migrations first; run: ${hint}`);
      }
      const calls = Number(historyText);
      const summary = await seedDemoData(database, { historyCalls: calls, until });
      io.out(
        `seeded: ${summary.partners} partners, ${summary.contacts} contact persons, ${summary.addresses} electronic addresses, ` +
          `${summary.users} users, ${summary.lines} lines, ${calls} past calls (${summary.historyRows} call-history rows)`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};

function parsePort(value: OptionValues[string]): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new ConnectorError('USAGE', `--port must be a number between 0 and 65535, got '${value}'`);
  }
  return Number(value);
}

function parseUntil(value: OptionValues[string]): Date {
  if (typeof value !== 'string') return new Date();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match === null ? new Date(Number.NaN) : new Date(`${value}T23:59:59.999Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new ConnectorError('USAGE', `--until must be a date like 2026-11-22, got '${value}'`);
  }
  return date;
}

export const COMMANDS: readonly Command[] = [start, migrateCommand, seed, userCommand, capture, simulate, replay];

