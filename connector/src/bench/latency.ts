import { createServer, connect, type Socket } from 'node:net';
import type { AmiField } from '../ami/codec/amiMessage.js';
import { encodeFields } from '../ami/codec/frameEncoder.js';
import type { SimulatorSession } from '../ami/simulator/amiServer.js';

/** What the latency benchmarks share: the figures, the loopback TCP echo they are judged against, the frames. */
export interface LatencyFigures {
  readonly samples: number;
  readonly p50Microseconds: number;
  readonly p99Microseconds: number;
}

/** The same bytes through a loopback TCP echo: written, then waited for until all of them are back. */
export async function echoLatencies(frames: readonly string[]): Promise<number[]> {
  const echoServer = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echoServer.listen(0, '127.0.0.1', resolve));
  const address = echoServer.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const socket: Socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let pending = 0;
  let done: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    pending -= chunk.length;
    if (pending <= 0) done?.();
  });
  const samples: number[] = [];
  for (const frame of frames) {
    const bytes = Buffer.from(frame, 'utf8');
    pending = bytes.length;
    const back = new Promise<void>((resolve) => (done = resolve));
    const started = process.hrtime.bigint();
    socket.write(bytes);
    await back;
    samples.push(Number(process.hrtime.bigint() - started) / 1_000);
  }
  socket.destroy();
  await new Promise((resolve) => echoServer.close(resolve));
  return samples;
}

/** A Newchannel event of an inbound call's leg. */
export function newChannel(channel: string, caller: string, linkedid: string): AmiField[] {
  return [['Event', 'Newchannel'], ['Privilege', 'call,all'], ['Channel', channel], ['ChannelState', '4'], ['CallerIDNum', caller], ['Exten', '224000100'],
    ['Context', 'from-trunk'], ['Uniqueid', linkedid], ['Linkedid', linkedid]];
}

export function latencyFigures(samples: readonly number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { samples: sorted.length, p50Microseconds: at(0.5), p99Microseconds: at(0.99) };
}

/** An inbound call of a latency benchmark: the trunk leg, and the agent leg on `line`. */
export interface BenchCall {
  readonly id: string;
  readonly line: string;
  readonly trunk: string;
  readonly agent: string;
  readonly caller: string;
}

/**
 * Writes each call's DialBegin to the connector's socket, one at a time, and
 * times it until `arrived` (what the benchmark waits for) resolves; the
 * frames written are kept for the TCP echo of the same bytes.
 */
export async function timeDialBegins(pbx: SimulatorSession, calls: readonly BenchCall[], arrived: (callId: string) => Promise<void>, frames: string[]): Promise<number[]> {
  const samples: number[] = [];
  for (const c of calls) {
    const fields: AmiField[] = [['Event', 'DialBegin'], ['Privilege', 'call,all'], ['Channel', c.trunk], ['CallerIDNum', c.caller], ['Uniqueid', c.id], ['Linkedid', c.id],
      ['DestChannel', c.agent], ['DestCallerIDNum', c.line], ['DestUniqueid', `${c.id}1`], ['DestLinkedid', c.id], ['DialString', c.line]];
    frames.push(encodeFields(fields));
    const done = arrived(c.id);
    const started = process.hrtime.bigint();
    pbx.sendRaw(fields);
    await done;
    samples.push(Number(process.hrtime.bigint() - started) / 1_000);
  }
  return samples;
}

export function hangUpAll(pbx: SimulatorSession, calls: readonly BenchCall[]): void {
  for (const c of calls) {
    pbx.sendRaw([['Event', 'Hangup'], ['Channel', c.agent], ['Linkedid', c.id]]);
    pbx.sendRaw([['Event', 'Hangup'], ['Channel', c.trunk], ['Linkedid', c.id]]);
  }
}
