// `npm run bench`: prints the performance figures the issues ask for, as JSON, each with
// the comparison it is judged by. Figures, not tests: nothing here passes or fails.
import { fileURLToPath } from 'node:url';
import { benchAmiCodec } from '../connector/dist/bench/amiCodecBench.js';

const traces = fileURLToPath(new URL('../connector/test-fixtures/ami-traces/', import.meta.url));
const minEvents = Number(process.env.BENCH_AMI_EVENTS ?? 1_000_000);

// A warm-up pass on a small stream, then the measured run.
await benchAmiCodec(traces, 20_000);
const ami = await benchAmiCodec(traces, minEvents);

const figures = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  amiCodec: {
    what: 'AMI events/s decoding the recorded traces concatenated, in 64 KiB chunks, same bytes for both',
    events: ami.ours.events,
    ours: ami.ours,
    asteriskAmiClientParser: ami.designCard,
    ratio: Math.round((ami.ours.eventsPerSecond / ami.designCard.eventsPerSecond) * 100) / 100,
    judgedBy: 'ratio = ours / asterisk-ami-client (asterisk-ami-events-stream 1.2.8); higher is better, at least 1',
  },
};
console.log(JSON.stringify(figures, null, 2));
