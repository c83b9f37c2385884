import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/connector.js', import.meta.url));

export interface ConnectorProcess {
  readonly url: string;
  readonly simulatorControlUrl: string;
  /** Everything it printed on stderr and on stdout (its JSON log). */
  readonly stderr: () => string;
  readonly stdout: () => string;
  /** Sends the signal (SIGINT, as Ctrl+C, by default) and resolves with the exit code. */
  readonly stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/**
 * `connector start` as `npm start` runs it (the embedded default in `cwd`),
 * on free ports and with a quiet simulator; resolves once it says where it
 * listens.
 */
export async function startConnectorProcess(cwd: string, extraArgs: readonly string[] = []): Promise<ConnectorProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'start', '--port', '0', '--simulator-port', '0', '--simulated-calls', '0', ...extraArgs], {
    cwd, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const ready = new Promise<{ url: string; control: string }>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      const url = /connector (http:\/\/[\d.:]+) is up/.exec(err)?.[1];
      const control = /PBX simulator control: (http:\/\/[\d.:]+)/.exec(err)?.[1];
      if (url !== undefined && control !== undefined) resolve({ url, control });
    });
    child.once('exit', (code) => {
      reject(new Error(`connector exited (${String(code)}) before it was up:\n${err}`));
    });
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const { url, control } = await ready.finally(() => {
    clearTimeout(timeout);
  });
  return {
    url,
    simulatorControlUrl: control,
    stderr: () => err,
    stdout: () => out,
    stop: (signal = 'SIGINT') => new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) {
        resolve(child.exitCode);
        return;
      }
      child.once('exit', (code) => { resolve(code); });
      child.kill(signal);
    }),
  };
}
