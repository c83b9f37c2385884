import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { writeWhole } from './wholeWrite.js';
import type { AmiEvent, AmiField } from '../ami/codec/amiMessage.js';
import { isTrackerSnapshot, type TrackerSnapshot } from '../tracker/trackerState.js';

/** What the log holds after its snapshot, in order. */
export type LiveRecord =
  | { readonly kind: 'event'; readonly at: Date; readonly event: AmiEvent; /** The exchange was seen whole then. */ readonly alive: boolean }
  | { readonly kind: 'alive'; readonly at: Date }
  /** A connected user's line is kept in a live call (in every live call it is in, without a call id). */
  | { readonly kind: 'keep'; readonly at: Date; readonly line: string; readonly callId: string | null };

export interface LiveState {
  readonly snapshot: TrackerSnapshot | null;
  readonly records: readonly LiveRecord[];
  /** The file could not be read back: it was set aside under this name, and the state starts empty. */
  readonly setAside: string | null;
}

type StoredLine =
  | { readonly s: unknown }
  | { readonly t: number; readonly e: readonly AmiField[]; readonly a?: 1 }
  | { readonly t: number; readonly a: 1 }
  | { readonly t: number; readonly k: readonly [string, string | null] };

/**
 * The in-flight half of "nothing lost" (DESIGN §5): per exchange, a snapshot
 * of the call tracker followed by every event it took since, so that calls
 * live when the connector is killed are known again at start-up (and then
 * squared with CoreShowChannels). Each record is written before the event
 * is acted on; a kill loses nothing written. The snapshot is fsync'ed when
 * the file is compacted; events are not, as finished calls go through the
 * fsync'ed call journal anyway.
 */
export class LiveStateLog {
  private fd: number;
  private records = 0;

  private constructor(private readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  /** Reads what an earlier run left for this exchange, and opens the log for writing. */
  static open(dir: string, exchangeId: number): { log: LiveStateLog; state: LiveState } {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `live-${exchangeId}.jsonl`);
    const state = existsSync(file) ? readState(file) : { snapshot: null, records: [], setAside: null };
    return { log: new LiveStateLog(file), state };
  }

  get recordsSinceSnapshot(): number {
    return this.records;
  }

  appendEvent(event: AmiEvent, at: Date, alive: boolean): void {
    this.write(alive ? { t: at.getTime(), e: event.fields, a: 1 } : { t: at.getTime(), e: event.fields });
  }

  appendKeep(line: string, callId: string | null, at: Date): void {
    this.write({ t: at.getTime(), k: [line, callId] });
  }

  appendAlive(at: Date): void {
    this.write({ t: at.getTime(), a: 1 });
  }

  /**
   * Starts the file over from this snapshot (atomically, fsync'ed). If that
   * fails, the log goes on in the old file, which still reads back whole.
   */
  compact(snapshot: TrackerSnapshot): void {
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeWhole(fd, `${JSON.stringify({ s: snapshot })}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    const old = this.fd;
    this.fd = openSync(this.file, 'a');
    closeSync(old);
    this.records = 0;
  }

  close(): void {
    closeSync(this.fd);
  }

  private write(line: StoredLine): void {
    writeWhole(this.fd, `${JSON.stringify(line)}\n`);
    this.records++;
  }
}

function readState(file: string): LiveState {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  let snapshot: TrackerSnapshot | null = null;
  const records: LiveRecord[] = [];
  for (const [i, text] of lines.entries()) {
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      // The last line, cut short by a kill, was never acted on; a snapshot that does not read is damage.
      if (i === lines.length - 1 && !text.startsWith('{"s"')) break;
      return setAside(file);
    }
    if (typeof line !== 'object' || line === null) return setAside(file);
    if ('s' in line) {
      if (i !== 0 || !isTrackerSnapshot(line.s)) return setAside(file);
      snapshot = line.s;
    } else if ('t' in line && typeof line.t === 'number' && 'e' in line && Array.isArray(line.e) && line.e.every(isField)) {
      const fields = line.e;
      records.push({ kind: 'event', at: new Date(line.t), event: { kind: 'event', event: fields[0]?.[1] ?? '', fields }, alive: 'a' in line });
    } else if ('t' in line && typeof line.t === 'number' && 'k' in line && Array.isArray(line.k) && typeof line.k[0] === 'string' && (line.k[1] === null || typeof line.k[1] === 'string')) {
      records.push({ kind: 'keep', at: new Date(line.t), line: line.k[0], callId: line.k[1] as string | null });
    } else if ('t' in line && typeof line.t === 'number' && 'a' in line) {
      records.push({ kind: 'alive', at: new Date(line.t) });
    } else {
      return setAside(file);
    }
  }
  return { snapshot, records, setAside: null };
}

function isField(value: unknown): value is AmiField {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}

/** A file that does not read back is kept for support and not used. */
function setAside(file: string): LiveState {
  const aside = `${file}.unreadable-${String(Date.now())}`;
  renameSync(file, aside);
  return { snapshot: null, records: [], setAside: aside };
}
