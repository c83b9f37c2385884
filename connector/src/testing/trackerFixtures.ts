import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AmiEvent, AmiField } from '../ami/codec/amiMessage.js';
import { parseTrace } from '../ami/simulator/traceReplay.js';
import type { TrackerConfig } from '../tracker/callTracker.js';

/**
 * A tracker for exchange 1 as the recorded traces need it: PJSIP lines
 * (201–203 unless said otherwise, each with its user and contact person),
 * Czech numbers with `0` for an outside line and `00` abroad.
 */
export function trackerConfig(lines: readonly string[] = ['201', '202', '203']): TrackerConfig {
  return {
    exchangeId: 1,
    lines: new Map(lines.map((l, i) => [l, { userId: i + 2, userCode: `U${l}`, contactPersonId: i + 1, partnerId: 1 }])),
    lineChannelTemplate: 'PJSIP/{line}',
    dialRules: { country: 'CZ', outsideLinePrefix: '0', internationalPrefix: '00' },
  };
}

/** A recorded trace of `test-fixtures/ami-traces/`, as events with the time each was received. */
export function traceEvents(name: string): { readonly event: AmiEvent; readonly at: Date }[] {
  const trace = parseTrace(readFileSync(fileURLToPath(new URL(`../../test-fixtures/ami-traces/${name}.jsonl`, import.meta.url)), 'utf8'));
  assert.ok(trace.ok, `${name}: ${trace.ok ? '' : trace.error}`);
  return trace.events.map((e) => ({ event: { kind: 'event', event: e.fields[0]?.[1] ?? '', fields: e.fields }, at: new Date(e.t) }));
}

/** An event written by hand, stamped `seconds` after `t0Ms` (its `Timestamp`, as with timestampevents = yes). */
export function stampedEvent(t0Ms: number, seconds: number, ...fields: AmiField[]): AmiEvent {
  return { kind: 'event', event: fields[0]?.[1] ?? '', fields: [...fields, ['Timestamp', ((t0Ms + seconds * 1000) / 1000).toFixed(6)]] };
}
