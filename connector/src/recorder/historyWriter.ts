import type { Database } from '../db/database.js';
import type { CallHistoryRecord } from '../db/repositories/callHistoryRecord.js';
import { writeCallHistory } from '../db/repositories/callHistoryRepository.js';
import { describeError, isConnectorError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { CallJournal } from './callJournal.js';

/**
 * Writes the journal's calls to the database, oldest first, one at a time;
 * while the database is away it waits (doubling up to 30 s) and tries again,
 * forever. A row the database refuses as invalid is logged and skipped, so
 * that one bad row cannot hold up every later call.
 */
export class HistoryWriter {
  private running = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private delayMs = 1_000;

  constructor(
    private readonly database: Database,
    private readonly journal: CallJournal,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    /** Runs after each row is in the database (notifications); must be idempotent, as a replay runs it again. */
    private readonly afterWrite: (record: CallHistoryRecord, id: number) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Something was appended, or the database may be back: write what is pending. */
  kick(): void {
    if (this.running || this.stopped) return;
    clearTimeout(this.retry);
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  /** Resolves once nothing is pending (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.journal.pending().length > 0 || this.running) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private async drain(): Promise<void> {
    for (;;) {
      const entry = this.journal.pending()[0];
      if (entry === undefined || this.stopped) return;
      try {
        for (const row of entry.rows) {
          try {
            const { id } = await writeCallHistory(this.database, row, this.now());
            await this.afterWrite(row, id);
          } catch (error) {
            if (!isConnectorError(error) || error.code !== 'INVALID_INPUT') throw error;
            this.logger.error({ call: row.callId, err: error.message }, 'call-history row refused and skipped');
          }
        }
        this.journal.markCommitted(entry.seq);
        this.delayMs = 1_000;
      } catch (error) {
        this.logger.warn({ err: describeError(error), pending: this.journal.pending().length, retryInMs: this.delayMs }, 'database write failed; the call stays in the journal');
        this.retry = setTimeout(() => {
          this.kick();
        }, this.delayMs);
        this.delayMs = Math.min(30_000, this.delayMs * 2);
        return;
      }
    }
  }
}
