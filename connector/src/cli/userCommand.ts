import { createInterface } from 'node:readline';
import { loadConfig } from '../config/loadConfig.js';
import { openDatabase } from '../db/database.js';
import { findLoginUser, revokeUserSessions, setPasswordHash } from '../db/repositories/deskUsersRepository.js';
import { hashPassword, passwordProblem } from '../desk/passwords.js';
import { ConnectorError } from '../errors.js';
import type { Command, OptionValues } from './command.js';
import { askHidden } from './hiddenPrompt.js';
import type { CliIo } from './io.js';

/** `connector user password NAME` and `connector user revoke NAME`: desk logins, administered on the server. */
export const userCommand: Command = {
  name: 'user',
  summary: 'set a desk password, or end a user\'s sessions',
  usage: 'connector user password NAME [--password-stdin] | connector user revoke NAME',
  help: `password NAME   sets the desk password of the ERP user NAME (stored as a scrypt hash) and ends
                  the user's open sessions. The password is asked for twice on a terminal, or read
                  from the first line of standard input with --password-stdin. At least 8 characters.
revoke NAME     ends every open desk session of NAME at once (open desks are logged out within
                  half a minute).`,
  options: { 'password-stdin': { type: 'boolean' } },
  positionals: true,
  async run(values: OptionValues, io: CliIo, positionals: readonly string[] = []) {
    const [verb, name, ...extra] = positionals;
    if ((verb !== 'password' && verb !== 'revoke') || name === undefined || extra.length > 0) {
      throw new ConnectorError('USAGE', `usage: ${this.usage}`);
    }
    const password = verb === 'password' ? await readNewPassword(io, values['password-stdin'] === true) : undefined;
    const loaded = await loadConfig({ configPath: typeof values['config'] === 'string' ? values['config'] : undefined, cwd: io.cwd });
    const database = await openDatabase(loaded.config.database, { create: false });
    try {
      const user = await findLoginUser(database, name);
      if (user === undefined) throw new ConnectorError('NOT_FOUND', `no ERP user '${name}'`);
      if (user.role === 'service') throw new ConnectorError('USAGE', `${user.code} is the recorder's service user; it has no desk login`);
      if (password !== undefined) await setPasswordHash(database, user.id, await hashPassword(password));
      const ended = await revokeUserSessions(database, user.id, new Date());
      io.out(password === undefined ? `${user.code}: ${ended} session(s) ended` : `${user.code}: password set; ${ended} open session(s) ended`);
      return 0;
    } finally {
      await database.close();
    }
  },
};

async function readNewPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  let password: string;
  if (fromStdin) {
    password = (await firstLine(process.stdin)) ?? '';
    if (password === '') throw new ConnectorError('USAGE', 'no password on standard input; nothing was changed');
  } else {
    if (!process.stdin.isTTY) throw new ConnectorError('USAGE', 'no terminal to ask for the password: pipe it in with --password-stdin');
    password = await askHidden(io, 'new password: ');
    if ((await askHidden(io, 'again: ')) !== password) throw new ConnectorError('USAGE', 'the two passwords differ; nothing was changed');
  }
  const problem = passwordProblem(password);
  if (problem !== null) throw new ConnectorError('USAGE', `${problem}; nothing was changed`);
  return password;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  const rl = createInterface({ input, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return undefined;
}
