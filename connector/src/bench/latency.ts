import { createServer, connect, type Socket } from 'node:net';
import type { AmiField } from '../ami/codec/amiMessage.js';

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
