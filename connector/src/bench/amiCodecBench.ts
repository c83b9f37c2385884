import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AmiEventsStream from 'asterisk-ami-events-stream';
import { AmiFrameDecoder } from '../ami/codec/frameDecoder.js';
import { encodeMessage } from '../ami/codec/frameEncoder.js';
import { recordToMessage } from '../ami/codec/traceRecord.js';

export interface ParserFigure {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

const CHUNK = 64 * 1024;

/** The events of every recorded trace as raw AMI bytes, one cycle, cut into socket-sized chunks. */
function traceCycle(traceDir: string): { chunks: Buffer[]; eventsPerCycle: number } {
  let text = '';
  let events = 0;
  for (const file of readdirSync(traceDir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(path.join(traceDir, file), 'utf8').trim().split('\n')) {
      const parsed = recordToMessage(JSON.parse(line));
      if (parsed.ok && parsed.message.kind === 'event') {
        text += encodeMessage(parsed.message);
        events++;
      }
    }
  }
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) chunks.push(bytes.subarray(i, i + CHUNK));
  return { chunks, eventsPerCycle: events };
}

async function time(run: () => number | Promise<number>): Promise<ParserFigure> {
  const started = process.hrtime.bigint();
  const events = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events, seconds: round(seconds), eventsPerSecond: Math.round(events / seconds) };
}

/** AMI events/s through our decoder and through the design card's parser, on the same bytes, in one run. */
export async function benchAmiCodec(traceDir: string, minEvents: number): Promise<{ ours: ParserFigure; designCard: ParserFigure; cycles: number }> {
  const { chunks, eventsPerCycle } = traceCycle(traceDir);
  const cycles = Math.ceil(minEvents / eventsPerCycle);
  const banner = Buffer.from('Asterisk Call Manager/11.0.0\r\n');

  const ours = await time(() => {
    const decoder = new AmiFrameDecoder();
    decoder.push(banner);
    let count = 0;
    for (let c = 0; c < cycles; c++) {
      for (const chunk of chunks) for (const item of decoder.push(chunk)) if (item.kind === 'message') count++;
    }
    return count;
  });
  const designCard = await time(async () => {
    const stream = new AmiEventsStream();
    let count = 0;
    stream.on('amiEvent', () => count++);
    // It is a Transform: its readable side must be drained, or it stops on back-pressure.
    stream.resume();
    const finished = new Promise((resolve) => stream.once('finish', resolve));
    const write = (chunk: Buffer): Promise<void> | undefined =>
      stream.write(chunk) ? undefined : new Promise((resolve) => stream.once('drain', resolve));
    await write(banner);
    for (let c = 0; c < cycles; c++) for (const chunk of chunks) await write(chunk);
    stream.end();
    await finished;
    return count;
  });
  return { ours, designCard, cycles };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
