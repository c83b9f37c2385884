import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../testing/tempDir.js';

const BIN = fileURLToPath(new URL('../../bin/connector.js', import.meta.url));
const TRACE = fileURLToPath(new URL('../../test-fixtures/ami-traces/inbound-answered-channelvars.jsonl', import.meta.url));
const recorded = readFileSync(TRACE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const withoutTime = ({ t: _t, ...rest }: Record<string, unknown>): Record<string, unknown> => rest;

function spawnConnector(args: readonly string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcessWithoutNullStreams; stderr: () => string; line: (pattern: RegExp) => Promise<RegExpExecArray> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const w of [...waiters]) {
      const m = w.pattern.exec(stderr);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  return {
    child,
    stderr: () => stderr,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const m = pattern.exec(stderr);
        if (m) resolve(m);
        else waiters.push({ pattern, resolve });
        child.once('exit', (code) => {
          reject(new Error(`exited ${String(code)} before ${String(pattern)}: ${stderr}`));
        });
      }),
  };
}

function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

test('capture records what simulate serves, in the shared trace format, field by field', async () => {
  const temp = makeTempDir('capture');
  const sim = spawnConnector(['simulate', '--replay', TRACE, '--port', '0', '--speed', '0']);
  try {
    const port = (await sim.line(/AMI on 127\.0\.0\.1:(\d+)/))[1] ?? '';
    const out = path.join(temp.dir, 'captured.jsonl');
    const cap = spawnConnector(['capture', '--host', '127.0.0.1', '--port', port, '--user', 'recorder', '--out', out], { AMI_SECRET: 'recorder-secret' });
    await cap.line(/capturing 127\.0\.0\.1/);
    const events = recorded.filter((r) => 'Event' in r);
    for (let i = 0; i < 200; i++) {
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      if (lines.length >= events.length + 2) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const exit = new Promise<number | null>((resolve) => cap.child.once('exit', resolve));
    cap.child.kill('SIGINT');
    assert.equal(await exit, 0, cap.stderr());
    assert.match(cap.stderr(), new RegExp(`captured ${events.length} events\\n$`));
    const captured = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(Object.keys(captured[0] ?? {}), ['t', 'Banner']);
    assert.equal(captured[0]?.['Banner'], 'Asterisk Call Manager/11.0.0');
    assert.deepEqual(withoutTime(captured[1] ?? {}), { Response: 'Success', ActionID: 'capture-login', Message: 'Authentication accepted' });
    assert.deepEqual(captured.slice(2).map(withoutTime), events.map(withoutTime));
    assert.ok(captured.every((r) => typeof r['t'] === 'number'));
  } finally {
    sim.child.kill('SIGINT');
    temp.remove();
  }
});

test('capture refuses a wrong secret, and asks for AMI_SECRET when there is no terminal', async () => {
  const sim = spawnConnector(['simulate', '--replay', TRACE, '--port', '0']);
  try {
    const port = (await sim.line(/AMI on 127\.0\.0\.1:(\d+)/))[1] ?? '';
    const wrong = await run(['capture', '--host', '127.0.0.1', '--port', port, '--user', 'recorder'], { AMI_SECRET: 'nope' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, new RegExp(`login rejected by 127\\.0\\.0\\.1:${port}: Authentication failed`));
    const env = { ...process.env };
    delete env['AMI_SECRET'];
    const noSecret = await new Promise<{ code: number; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'capture', '--host', '127.0.0.1', '--port', port, '--user', 'recorder'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.once('exit', (code) => {
        resolve({ code: code ?? 1, stderr });
      });
    });
    assert.equal(noSecret.code, 2);
    assert.match(noSecret.stderr, /no AMI secret: set the AMI_SECRET environment variable/);
  } finally {
    sim.child.kill('SIGINT');
  }
});

test('simulate refuses what is not a trace, with the line that is wrong', async () => {
  const temp = makeTempDir('simulate');
  try {
    const file = path.join(temp.dir, 'bad.jsonl');
    writeFileSync(file, '{"t":1,"Event":"Ping"}\n<html>\n');
    const result = await run(['simulate', '--replay', file, '--port', '0']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /bad\.jsonl is not a trace: line 2 is not JSON/);
    const missing = await run(['simulate', '--port', '0']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /simulate needs --replay FILE or --generate/);
  } finally {
    temp.remove();
  }
});

test('capture gives up with a clear message when the peer never sends a banner', async () => {
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const port = String((silent.address() as AddressInfo).port);
    const { child } = spawnConnector(['capture', '--host', '127.0.0.1', '--port', port, '--user', 'recorder'], { AMI_SECRET: 'x' });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, /no Asterisk Manager banner and login answer from 127\.0\.0\.1:\d+ within 10000 ms/);
  } finally {
    silent.close();
  }
});
