import { createWriteStream, readFileSync } from 'node:fs';
import { startCapture } from '../ami/capture/captureSession.js';
import { SimulatedAmiServer } from '../ami/simulator/amiServer.js';
import { parseTrace, replayToSession } from '../ami/simulator/traceReplay.js';
import { assemblePbx } from '../ami/simulator/builtInSimulator.js';
import type { PbxLine } from '../ami/simulator/pbxModel.js';
import { createRootLogger } from '../log/logger.js';
import { ConnectorError, describeError } from '../errors.js';
import { Secret } from '../secret.js';
import type { Command, OptionValues } from './command.js';
import { askHidden } from './hiddenPrompt.js';
import type { CliIo } from './io.js';
import { untilStopped } from './untilStopped.js';

function text(values: OptionValues, key: string): string | undefined {
  const value = values[key];
  return typeof value === 'string' ? value : undefined;
}

function port(values: OptionValues, key: string, fallback: number, allowZero: boolean): number {
  const value = text(values, key);
  if (value === undefined) return fallback;
  const min = allowZero ? 0 : 1;
  if (!/^\d{1,5}$/.test(value) || Number(value) < min || Number(value) > 65535) {
    throw new ConnectorError('USAGE', `--${key} must be a number between ${min} and 65535, got '${value}'`);
  }
  return Number(value);
}

/** The AMI secret: AMI_SECRET, else a prompt that does not echo (only on a terminal). */
async function readSecret(io: CliIo): Promise<Secret> {
  const fromEnv = process.env['AMI_SECRET'];
  if (fromEnv !== undefined) return new Secret(fromEnv);
  if (!process.stdin.isTTY) {
    throw new ConnectorError('USAGE', 'no AMI secret: set the AMI_SECRET environment variable, or run in a terminal to be asked for it');
  }
  return new Secret(await askHidden(io, 'AMI secret: '));
}

export const capture: Command = {
  name: 'capture',
  summary: "record a live PBX's AMI stream as a trace file",
  usage: 'connector capture --host H --port P --user U [--out FILE]',
  help: `Logs in to an Asterisk Manager Interface and writes everything the session receives (the
banner, the Login response, every event with every header) as JSON lines in the format of the
recorded traces (t = receive time in ms; a repeated header as Key, Key~2 …), to FILE or stdout,
until Ctrl+C. The secret comes from the AMI_SECRET environment variable, or from a prompt.
  --host H        the PBX (required)
  --port P        its AMI port (default 5038)
  --user U        the AMI user of manager.conf (required)
  --out FILE      write here instead of stdout`,
  options: { host: { type: 'string' }, port: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' } },
  async run(values, io) {
    const host = text(values, 'host');
    const user = text(values, 'user');
    if (host === undefined || user === undefined) throw new ConnectorError('USAGE', 'capture needs --host and --user');
    const amiPort = port(values, 'port', 5038, false);
    const secret = await readSecret(io);
    const out = text(values, 'out');
    const file = out === undefined ? undefined : createWriteStream(out, { flags: 'w' });
    const write = (line: string): void => {
      if (file === undefined) io.out(line);
      else file.write(`${line}\n`);
    };
    const session = await startCapture({
      host, port: amiPort, user, secret,
      write: (record) => {
        write(JSON.stringify(record));
      },
      onProblem: (problem) => {
        io.err(`capture: ${problem}`);
      },
    });
    io.err(`capturing ${host}:${amiPort} as ${user}${out === undefined ? '' : ` to ${out}`}; Ctrl+C stops`);
    const ended = await Promise.race([untilStopped().then(() => undefined), session.finished]);
    if (ended === undefined) session.stop();
    const result = await session.finished;
    if (file !== undefined) {
      await new Promise<void>((resolve) => {
        file.end(resolve);
      });
    }
    io.err(`captured ${result.events} events${result.reason === 'lost' ? '; the PBX closed the connection' : ''}`);
    return result.reason === 'lost' ? 1 : 0;
  },
};

export const simulate: Command = {
  name: 'simulate',
  summary: 'run the built-in PBX simulator (an AMI server)',
  usage: 'connector simulate (--replay FILE | --generate [--calls-per-minute N]) [--speed N] [--port P] [--user U --secret S]',
  help: `Runs an AMI server on 127.0.0.1, until Ctrl+C. Either it serves a recorded trace (--replay): to
each client, after it has logged in, every recorded event with every header as recorded, in
order, the recorded gaps divided by N. Or it is a PBX of its own (--generate): calls made from
the recorded traces of a real Asterisk (inbound answered and missed, busy, queue, outbound,
internal, blind transfer), with their numbers, lines and ids rewritten, at the given rate; AMI
Originate from a line gives the click-to-dial sequence; a control interface on its own port
lets tests act as the phones (docs/simulator.md).
  --replay FILE   a trace in the format of connector capture
  --generate      make up calls for the lines of --lines
  --calls-per-minute N   with --generate (default 6; 0: only calls asked for)
  --lines A-B     with --generate, the extensions (default 201-210)
  --control-port P       with --generate, the control interface's port (default 5039; 0: any)
  --speed N       play N times faster (default 1; 0 means as fast as possible, --replay only)
  --port P        listen here (default 5038; 0 picks a free port)
  --user U        the AMI user clients log in with (default recorder)
  --secret S      its secret (default recorder-secret)`,
  options: {
    replay: { type: 'string' }, generate: { type: 'boolean' }, 'calls-per-minute': { type: 'string' }, lines: { type: 'string' },
    'control-port': { type: 'string' }, speed: { type: 'string' }, port: { type: 'string' }, user: { type: 'string' }, secret: { type: 'string' },
  },
  async run(values, io) {
    const file = text(values, 'replay');
    const generate = values['generate'] === true;
    if ((file === undefined) === !generate) throw new ConnectorError('USAGE', 'simulate needs --replay FILE or --generate (one of them)');
    const speedText = text(values, 'speed') ?? '1';
    const speedValue = Number(speedText);
    if (!/^\d+(\.\d+)?$/.test(speedText) || !Number.isFinite(speedValue)) {
      throw new ConnectorError('USAGE', `--speed must be a number (0 = as fast as possible), got '${speedText}'`);
    }
    if (file === undefined) return runGenerator(values, io, speedValue);
    let traceText: string;
    try {
      traceText = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConnectorError('USAGE', `cannot read the trace ${file}: ${describeError(error)}`, { cause: error });
    }
    const trace = parseTrace(traceText);
    if (!trace.ok) throw new ConnectorError('INVALID_INPUT', `${file} is not a trace: ${trace.error}`);
    const user = text(values, 'user') ?? 'recorder';
    const server = await SimulatedAmiServer.start({ port: port(values, 'port', 5038, true), username: user, secret: text(values, 'secret') ?? 'recorder-secret', logger: createRootLogger('info', 'stderr') }).catch((error: unknown) => {
      throw new ConnectorError('USAGE', `cannot listen for AMI: ${describeError(error)}`, { cause: error });
    });
    const speed = speedValue === 0 ? Number.POSITIVE_INFINITY : speedValue;
    server.onLogin((session) => replayToSession(session, trace.events, speed));
    io.err(`simulator: AMI on 127.0.0.1:${server.port} (user ${user}), replaying ${file} (${trace.events.length} events) at speed ${speedText} to each client after login; Ctrl+C stops`);
    await untilStopped();
    await server.stop();
    io.err('simulator stopped');
    return 0;
  },
};

async function runGenerator(values: OptionValues, io: CliIo, speed: number): Promise<number> {
  const rate = text(values, 'calls-per-minute') ?? '6';
  if (!/^\d{1,3}(\.\d+)?$/.test(rate)) throw new ConnectorError('USAGE', `--calls-per-minute must be a number from 0 to 999, got '${rate}'`);
  const range = /^(\d{1,6})-(\d{1,6})$/.exec(text(values, 'lines') ?? '201-210');
  const [from, to] = [Number(range?.[1]), Number(range?.[2])];
  if (range === null || to < from || to - from > 999) throw new ConnectorError('USAGE', '--lines must be a range of extensions like 201-210');
  if (speed <= 0) throw new ConnectorError('USAGE', '--speed must be above 0 with --generate');
  const lines = Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  const directory = { lines: new Map(lines.map((l): [string, PbxLine] => [l, { line: l, name: `Agent ${l}` }])), companyDid: '224000100', queueDid: '224000200' };
  const user = text(values, 'user') ?? 'recorder';
  const logger = createRootLogger('info', 'stderr');
  const server = await SimulatedAmiServer.start({ port: port(values, 'port', 5038, true), username: user, secret: text(values, 'secret') ?? 'recorder-secret', logger }).catch((error: unknown) => {
    throw new ConnectorError('USAGE', `cannot listen for AMI: ${describeError(error)}`, { cause: error });
  });
  const pbx = await assemblePbx(server, directory, {
    lineChannel: 'PJSIP/{line}', controlPort: port(values, 'control-port', 5039, true), callsPerMinute: Number(rate), timeScale: speed, logger,
  }).catch(async (error: unknown) => {
    await server.stop();
    throw new ConnectorError('USAGE', `cannot listen for control requests: ${describeError(error)}`, { cause: error });
  });
  io.err(`simulator: AMI on 127.0.0.1:${server.port} (user ${user}), lines ${from}-${to}, ${rate} calls/min, control ${pbx.controlUrl}; Ctrl+C stops`);
  await untilStopped();
  await pbx.stop();
  await server.stop();
  io.err('simulator stopped');
  return 0;
}
