import { readFileSync } from 'node:fs';
import { loadConfig, migrateHint } from '../config/loadConfig.js';
import { openDatabase } from '../db/database.js';
import { loadRecorderConfig } from '../db/repositories/recorderConfigRepository.js';
import { ConnectorError, describeError, isConnectorError } from '../errors.js';
import { replayTrace } from '../tracker/replayTrace.js';
import type { Command } from './command.js';

export const replay: Command = {
  name: 'replay',
  summary: 'run a recorded trace through the call tracker',
  usage: 'connector replay TRACE.jsonl [--config PATH] [--exchange ID] [--dry-run]',
  help: `Runs the call tracker over a recorded AMI trace (the format of connector capture) against the
configured database (its lines, number rules and contacts) and prints the call-history rows, one
JSON object per line. Without --dry-run it also writes them (a second run writes nothing new).
  --exchange ID   the exchange the trace was recorded on (default: the first active one)
  --dry-run       print only`,
  options: { exchange: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  positionals: true,
  async run(values, io, positionals = []) {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) throw new ConnectorError('USAGE', 'replay needs exactly one trace file');
    const exchangeText = values['exchange'];
    if (exchangeText !== undefined && (typeof exchangeText !== 'string' || !/^\d{1,9}$/.test(exchangeText))) {
      throw new ConnectorError('USAGE', `--exchange must be an exchange id (a number), got '${String(exchangeText)}'`);
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConnectorError('USAGE', `cannot read the trace ${file}: ${describeError(error)}`, { cause: error });
    }
    const loaded = await loadConfig({ configPath: typeof values['config'] === 'string' ? values['config'] : undefined, cwd: io.cwd });
    const database = await openDatabase(loaded.config.database, { create: false }).catch((error: unknown) => {
      throw isConnectorError(error) && error.code === 'DB_NOT_MIGRATED'
        ? new ConnectorError('DB_SCHEMA_OUTDATED', `${error.message}; run: ${migrateHint(loaded.source)} and seed it`, { cause: error })
        : error;
    });
    try {
      const recorder = await loadRecorderConfig(database, loaded.config.ccUser);
      const rows = await replayTrace(database, recorder, text, {
        exchangeId: exchangeText === undefined ? undefined : Number(exchangeText), dryRun: values['dry-run'] === true, now: new Date(),
      });
      for (const row of rows) io.out(JSON.stringify(row));
      return 0;
    } finally {
      await database.close();
    }
  },
};
