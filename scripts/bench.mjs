// `npm run bench`: prints the performance figures the issues ask for, as JSON, each with
// the comparison it is judged by. Figures, not tests: nothing here passes or fails.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchAmiCodec } from '../connector/dist/bench/amiCodecBench.js';
import { benchRingLatency } from '../connector/dist/bench/ringLatencyBench.js';
import { benchPopLatency } from '../connector/dist/bench/popLatencyBench.js';
import { benchTracker } from '../connector/dist/bench/trackerBench.js';

const traces = fileURLToPath(new URL('../connector/test-fixtures/ami-traces/', import.meta.url));
const minEvents = Number(process.env.BENCH_AMI_EVENTS ?? 1_000_000);

// A warm-up pass on a small stream, then the measured run.
await benchAmiCodec(traces, 20_000);
const ami = await benchAmiCodec(traces, minEvents);

benchTracker(traces, 5);
const tracker = benchTracker(traces, Number(process.env.BENCH_TRACKER_CYCLES ?? 200));
await benchRingLatency(200, 1);
const ring = await benchRingLatency(200, Number(process.env.BENCH_RING_ROUNDS ?? 5));
await benchPopLatency(200, 500, 1);
const pop = await benchPopLatency(200, 500, Number(process.env.BENCH_POP_ROUNDS ?? 5));
// In a process of its own, so that its RSS is that of a process holding the index, not of the benchmarks before it.
const contactsRun = spawnSync(process.execPath, ['--input-type=module', '-e',
  `const { benchContactIndex } = await import(${JSON.stringify(new URL('../connector/dist/bench/trackerBench.js', import.meta.url).href)});
   console.log(JSON.stringify(benchContactIndex(${Number(process.env.BENCH_CONTACT_NUMBERS ?? 1_000_000)})));`], { encoding: 'utf8' });
if (contactsRun.status !== 0) throw new Error(`the contact index benchmark failed: ${contactsRun.stderr}`);
const contacts = JSON.parse(contactsRun.stdout);

/** A latency result next to the TCP echo of the same bytes, with the ratios it is judged by. */
function versusEcho({ connector, tcpEcho }) {
  const ratio = (a, b) => Math.round((a / b) * 100) / 100;
  return { connector, tcpEcho, ratioP50: ratio(connector.p50Microseconds, tcpEcho.p50Microseconds), ratioP99: ratio(connector.p99Microseconds, tcpEcho.p99Microseconds) };
}

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
  tracker: {
    what: 'call-tracker events/s over the ten recorded traces concatenated (every event as recorded, each cycle new calls)',
    ...tracker,
    judgedBy: 'events/s, higher is better; a busy PBX sends a few hundred events/s',
  },
  ringLatency: {
    what: 'µs from an AMI DialBegin frame written to the connector\'s socket to the ringing call event leaving the recorder (AMI connection, live-state log, tracker, contact match), 200 calls live; next to a loopback TCP echo of the same bytes, same process, same run',
    concurrentCalls: 200,
    ...versusEcho(ring),
    judgedBy: 'ratio = connector / TCP echo (the floor no connector can beat); lower is better, 1 is the floor',
  },
  popLatency: {
    what: 'µs from an AMI DialBegin frame written to the connector\'s socket to the pop-up (`call` message) received on a desk client\'s WebSocket: AMI, live-state log, tracker, contact match, contact and partner facts from SQLite, push channel; 200 calls live on 200 lines, 500 desks logged in and connected; next to a loopback TCP echo of the same bytes, same process, same run',
    concurrentCalls: 200,
    connectedClients: 500,
    ...versusEcho(pop),
    judgedBy: 'ratio = connector / TCP echo (the floor); lower is better; a person notices from about 100 ms (100,000 µs)',
  },
  contactIndex: {
    what: 'contact match: ns per lookup; the RSS of a fresh Node process holding the index, and the heap the index itself takes, with that many TELCC numbers',
    ...contacts,
    judgedBy: 'ns per lookup and RSS, lower is better',
  },
};
console.log(JSON.stringify(figures, null, 2));
