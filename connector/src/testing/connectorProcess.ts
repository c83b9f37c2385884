import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/connector.js', import.meta.url));

export interface ConnectorProcess {
  readonly url: string;
  readonly simulatorControlUrl: string;
  /** Everything it printed on stderr. */
  readonly stderr: () => string;
  stop(): Promise<void>;
}

/**
 * `connector start` as `npm start` runs it (the embedded default in `cwd`),
 * on free ports and with a quiet simulator; resolves once it says where it
 * listens.
 */
export async function startConnectorProcess(cwd: string, extraArgs: readonly string[] = []): Promise<ConnectorProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'start', '--port', '0', '--simulator-port', '0', '--simulated-calls', '0', ...extraArgs], {
    cwd, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
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
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => { resolve(); });
      child.kill('SIGINT');
    }),
  };
}
