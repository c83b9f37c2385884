import type { AmiField } from '../codec/amiMessage.js';
import { recordToMessage } from '../codec/traceRecord.js';
import type { SimulatorSession } from './amiServer.js';

export interface TraceEvent {
  /** Receive time in ms, as recorded. */
  readonly t: number;
  readonly fields: readonly AmiField[];
}

export type TraceParse = { readonly ok: true; readonly events: readonly TraceEvent[] } | { readonly ok: false; readonly error: string };

/**
 * The events of a recorded trace (JSON lines, ../shared/ami-traces format),
 * without the banner and the recorder's own responses. Pure: text in.
 */
export function parseTrace(text: string): TraceParse {
  const events: TraceEvent[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { ok: false, error: `line ${index + 1} is not JSON` };
    }
    const record = recordToMessage(json);
    if (!record.ok) return { ok: false, error: `line ${index + 1}: ${record.error}` };
    if (record.message.kind === 'event') events.push({ t: record.t, fields: record.message.fields });
  }
  if (events.length === 0) return { ok: false, error: 'the trace holds no events' };
  return { ok: true, events };
}

/**
 * Sends a trace's events to one session in order, the recorded gaps divided
 * by `speed` (Infinity: as fast as the socket takes them). Stops when the
 * session closes or when cancelled.
 */
export function replayToSession(session: SimulatorSession, events: readonly TraceEvent[], speed: number, done?: () => void): { cancel(): void } {
  const first = events[0]?.t ?? 0;
  const started = Date.now();
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const pump = (): void => {
    if (cancelled || session.closed) return;
    const elapsed = Date.now() - started;
    while (next < events.length) {
      const event = events[next];
      if (event === undefined) break;
      const due = Number.isFinite(speed) ? (event.t - first) / speed : 0;
      if (due > elapsed) {
        timer = setTimeout(pump, Math.max(1, due - elapsed));
        return;
      }
      session.sendEvent(event.fields);
      next++;
    }
    done?.();
  };
  setImmediate(pump);
  return {
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}
