import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AmiEvent, AmiField } from '../ami/codec/amiMessage.js';
import { parseTrace } from '../ami/simulator/traceReplay.js';
import { ContactIndex } from '../contacts/contactIndex.js';
import { trackerConfig } from '../testing/trackerFixtures.js';
import { CallTracker } from '../tracker/callTracker.js';

const ID_FIELDS = new Set(['Channel', 'DestChannel', 'TransfererChannel', 'TransfereeChannel', 'Uniqueid', 'Linkedid', 'DestUniqueid', 'DestLinkedid']);

/** Tracker events/s over the recorded traces, concatenated `cycles` times, each cycle with its own channels and ids. */
export function benchTracker(traceDir: string, cycles: number): { events: number; rows: number; seconds: number; eventsPerSecond: number } {
  const template: AmiEvent[] = [];
  for (const file of readdirSync(traceDir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const trace = parseTrace(readFileSync(path.join(traceDir, file), 'utf8'));
    if (trace.ok) for (const e of trace.events) template.push({ kind: 'event', event: e.fields[0]?.[1] ?? '', fields: e.fields });
  }
  // Each cycle renames what identifies a call, so that every cycle is new calls (built before the clock starts).
  const stream: AmiEvent[] = [];
  for (let c = 0; c < cycles; c++) {
    const suffix = c.toString(16).padStart(6, '0');
    for (const e of template) {
      const fields = e.fields.map(([k, v]): AmiField => (ID_FIELDS.has(k) && v !== '' ? [k, `${v}${suffix}`] : [k, v]));
      stream.push({ kind: 'event', event: e.event, fields });
    }
  }
  const tracker = new CallTracker(trackerConfig());
  const received = new Date();
  const started = process.hrtime.bigint();
  let rows = 0;
  for (const event of stream) rows += tracker.handle(event, received).rows.length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events: stream.length, rows, seconds: Math.round(seconds * 1000) / 1000, eventsPerSecond: Math.round(stream.length / seconds) };
}

/** Match time per lookup and the memory of a contact index holding `count` numbers. */
export function benchContactIndex(count: number): { numbers: number; nsPerLookup: number; rssMiB: number; indexMiB: number } {
  const heapBefore = process.memoryUsage().heapUsed;
  const index = new ContactIndex(new Set(['TELCC']));
  const number = (i: number): string => `+4206${String(10_000_000 + ((i * 7_919) % 89_999_999)).padStart(8, '0')}`;
  for (let i = 0; i < count; i++) index.upsert({ addressId: i, contactPersonId: i, partnerId: i % 50_000, addressType: 'TELCC', e164: number(i) });
  const lookups = 1_000_000;
  const probes = Array.from({ length: 1_000 }, (_, i) => number((i * 104_729) % count));
  const started = process.hrtime.bigint();
  let found = 0;
  for (let i = 0; i < lookups; i++) found += index.lookup(probes[i % probes.length] ?? '').length;
  const ns = Number(process.hrtime.bigint() - started) / lookups;
  if (found === 0) throw new Error('the benchmark found nothing: its numbers are wrong');
  const memory = process.memoryUsage();
  return { numbers: index.size, nsPerLookup: Math.round(ns), rssMiB: Math.round(memory.rss / 2 ** 20), indexMiB: Math.round((memory.heapUsed - heapBefore) / 2 ** 20) };
}
