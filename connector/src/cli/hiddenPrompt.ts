import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIo } from './io.js';

/** Asks on the terminal for a line that is not echoed (a secret, a password). The caller checks that stdin is a terminal. */
export async function askHidden(io: CliIo, prompt: string): Promise<string> {
  io.err(prompt);
  const silent = new Writable({ write: (_chunk, _encoding, done) => { done(); } });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  const answer = await new Promise<string>((resolve) => { rl.question('', resolve); });
  rl.close();
  return answer;
}
