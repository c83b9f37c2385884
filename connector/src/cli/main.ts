import { parseArgs } from 'node:util';
import { describeError, isConnectorError } from '../errors.js';
import { COMMON_HELP, COMMON_OPTIONS, type Command } from './command.js';
import { COMMANDS } from './commands.js';
import { processIo, type CliIo } from './io.js';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `usage: connector <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'connector <command> --help' for a command's options.${COMMON_HELP}`;
}

function commandHelp(command: Command): string {
  return `usage: ${command.usage}\n\n${command.help}\n${COMMON_HELP}`;
}

/**
 * The connector's command line. Results go to stdout, errors to stderr as
 * one line without a stack trace; exit 0 on success, 2 for a usage or
 * configuration error, 1 for any other failure.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(overview());
    return EXIT_USAGE;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(topic === undefined ? overview() : commandHelp(topic));
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`connector: unknown command '${name}'\n\n${overview()}`);
    return EXIT_USAGE;
  }

  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...rest], options: { ...COMMON_OPTIONS, ...command.options }, strict: true, allowPositionals: command.positionals === true }));
  } catch (error) {
    io.err(`connector ${command.name}: ${describeError(error)}\nusage: ${command.usage}`);
    return EXIT_USAGE;
  }
  if (values['help'] === true) {
    io.out(commandHelp(command));
    return 0;
  }

  try {
    return await command.run(values, io, positionals);
  } catch (error) {
    io.err(`connector ${command.name}: ${describeError(error)}`);
    if (!isConnectorError(error) && process.env['CONNECTOR_DEBUG'] === '1' && error instanceof Error) io.err(error.stack ?? '');
    if (isConnectorError(error) && ['USAGE', 'CONFIG_INVALID', 'CONFIG_UNREADABLE'].includes(error.code)) return EXIT_USAGE;
    return EXIT_FAILURE;
  }
}
