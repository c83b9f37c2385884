import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { writeWhole } from './wholeWrite.js';
import type { CallHistoryRecord } from '../db/repositories/callHistoryRecord.js';

/** One finished call's rows, as the journal keeps them. */
export interface JournalEntry {
  readonly seq: number;
  readonly rows: readonly CallHistoryRecord[];
}

type StoredRecord = Omit<CallHistoryRecord, 'start' | 'end'> & { readonly start: string; readonly end: string };

/**
 * The recorder's local journal: an append-only file of finished calls, each
 * written and fsync'ed before the call counts as taken, and a marker of the
 * last entry the database has. At start-up, and whenever the database is
 * back, everything after the marker is written again, in order (the write
 * is idempotent). A last line cut short by a crash is dropped, as its call
 * was never acknowledged.
 */
export class CallJournal {
  private readonly file: string;
  private readonly marker: string;
  private fd: number;
  private entries: JournalEntry[] = [];
  private committed = 0;
  private nextSeq = 1;

  private constructor(dir: string) {
    this.file = path.join(dir, 'calls.jsonl');
    this.marker = path.join(dir, 'committed');
    mkdirSync(dir, { recursive: true });
    this.committed = existsSync(this.marker) ? Number(readFileSync(this.marker, 'utf8').trim()) || 0 : 0;
    if (existsSync(this.file)) {
      const lines = readFileSync(this.file, 'utf8').split('\n');
      for (const line of lines) {
        if (line.trim() === '') continue;
        try {
          const stored = JSON.parse(line) as { seq: number; rows: StoredRecord[] };
          this.entries.push({ seq: stored.seq, rows: stored.rows.map((r) => ({ ...r, start: new Date(r.start), end: new Date(r.end) })) });
        } catch {
          break; // a line cut short by a crash: never acknowledged
        }
      }
      this.nextSeq = Math.max(this.committed, ...this.entries.map((e) => e.seq)) + 1;
      this.entries = this.entries.filter((e) => e.seq > this.committed);
      this.rewrite();
    }
    this.fd = openSync(this.file, 'a');
  }

  static open(dir: string): CallJournal {
    return new CallJournal(dir);
  }

  /** Appends a finished call and returns once it is on disk. */
  append(rows: readonly CallHistoryRecord[]): JournalEntry {
    const entry: JournalEntry = { seq: this.nextSeq++, rows };
    writeWhole(this.fd, `${JSON.stringify({ seq: entry.seq, rows: rows.map((r) => ({ ...r, start: r.start.toISOString(), end: r.end.toISOString() })) })}\n`);
    fsyncSync(this.fd);
    this.entries.push(entry);
    return entry;
  }

  /** What the database does not have yet, oldest first. */
  pending(): readonly JournalEntry[] {
    return this.entries;
  }

  /** The database has this entry (and everything before it). */
  markCommitted(seq: number): void {
    this.committed = seq;
    const tmp = `${this.marker}.tmp`;
    const fd = openSync(tmp, 'w');
    writeWhole(fd, String(seq));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.marker);
    this.entries = this.entries.filter((e) => e.seq > seq);
    // Everything is in the database: the file starts over, so it never grows without bound.
    if (this.entries.length === 0) {
      closeSync(this.fd);
      this.rewrite();
      this.fd = openSync(this.file, 'a');
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Writes the pending entries to a fresh file, atomically. */
  private rewrite(): void {
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    for (const e of this.entries) writeWhole(fd, `${JSON.stringify({ seq: e.seq, rows: e.rows.map((r) => ({ ...r, start: r.start.toISOString(), end: r.end.toISOString() })) })}\n`);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.file);
  }
}
