import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConnectorError } from '../errors.js';
import { parseIni } from './iniParser.js';
import { embeddedDefaultConfig, readK2Config, type ConnectorConfig } from './k2Config.js';

export type ConfigSource = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'embedded' };

export interface LoadedConfig {
  readonly config: ConnectorConfig;
  readonly source: ConfigSource;
}

export const CONFIG_FILE_NAME = 'K2.ini';

/**
 * Finds and validates the configuration: `--config PATH` if given, else
 * `./K2.ini` if present, else the embedded default. Relative paths inside a
 * K2.ini are resolved against the file's folder; those of the embedded
 * default against the current directory.
 */
export async function loadConfig(options: { configPath?: string | undefined; cwd: string }): Promise<LoadedConfig> {
  const explicit = options.configPath !== undefined;
  const candidate = path.resolve(options.cwd, options.configPath ?? CONFIG_FILE_NAME);
  if (!explicit && !existsSync(candidate)) {
    return { config: resolvePaths(embeddedDefaultConfig(), options.cwd), source: { kind: 'embedded' } };
  }

  let text: string;
  try {
    text = await readFile(candidate, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ConnectorError('CONFIG_UNREADABLE', `cannot read the configuration file ${candidate} (${reason})`, {
      cause: error,
    });
  }

  const parsed = parseIni(text);
  if (!parsed.ok) {
    throw invalid(candidate, parsed.problems.map((p) => `line ${p.line}: ${p.message}`));
  }
  const result = readK2Config(parsed.document);
  if (!result.ok) throw invalid(candidate, result.problems);
  return { config: resolvePaths(result.config, path.dirname(candidate)), source: { kind: 'file', path: candidate } };
}

function invalid(file: string, problems: readonly string[]): ConnectorError {
  const list = problems.length === 1 ? ` ${problems[0] ?? ''}` : `\n${problems.map((p) => `  - ${p}`).join('\n')}`;
  return new ConnectorError('CONFIG_INVALID', `invalid configuration in ${file}:${list}`);
}

function resolvePaths(config: ConnectorConfig, baseDir: string): ConnectorConfig {
  const at = (p: string): string => path.resolve(baseDir, p);
  const c = config.connector;
  return {
    ...config,
    database: config.database.driver === 'sqlite' ? { ...config.database, file: at(config.database.file) } : config.database,
    connector: {
      ...c,
      dataDir: at(c.dataDir),
      journalDir: at(c.journalDir),
      tlsCert: c.tlsCert === undefined ? undefined : at(c.tlsCert),
      tlsKey: c.tlsKey === undefined ? undefined : at(c.tlsKey),
    },
  };
}

/** How to migrate the database this configuration names, as a command to copy. */
export function migrateHint(source: ConfigSource): string {
  return `npx connector migrate${source.kind === 'file' ? ` --config ${source.path}` : ''}`;
}

/** The configuration as it may be logged or shown (a Secret masks itself). */
export function describeConfig(config: ConnectorConfig): Record<string, unknown> {
  return { ccUser: config.ccUser, database: config.database, connector: config.connector };
}
