import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** The full `--help` text after the usage line. */
  readonly help: string;
  readonly usage: string;
  readonly options: OptionSpec;
  /** Whether it takes arguments besides its options (a file name). */
  readonly positionals?: boolean;
  /** Returns the exit code. */
  run(values: OptionValues, io: CliIo, positionals?: readonly string[]): Promise<number>;
}

/** Every command takes these. */
export const COMMON_OPTIONS: OptionSpec = {
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const COMMON_HELP = `
Options for every command:
  --config PATH   the K2.ini to use; without it ./K2.ini if present, else the embedded
                  default (SQLite with demo data under ./data/)
  -h, --help      this text`;
