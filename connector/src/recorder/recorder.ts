import type { AmiConnection } from '../ami/connection/amiConnection.js';
import { loadContactIndex, refreshContactIndex } from '../contacts/contactIndexLoader.js';
import type { Database } from '../db/database.js';
import type { ExchangeConfig, RecorderConfig } from '../db/repositories/recorderConfigRepository.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { CallTracker } from '../tracker/callTracker.js';
import { trackedLines } from '../tracker/replayTrace.js';
import { CallJournal } from './callJournal.js';
import { HistoryWriter } from './historyWriter.js';
import { recordOf } from './rowRecord.js';

export interface RunningRecorder {
  /** Calls the trackers follow now. */
  liveCalls(): number;
  /** Resolves once every finished call is in the database (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const CONTACT_REFRESH_MS = 15_000;

/**
 * The recorder's live path: each exchange's AMI events go through its call
 * tracker; a finished call's rows get their contacts from the index, are
 * kept for the lines that log call information (and for calls that rang no
 * line), go into the journal (fsync'ed) and from there into the database.
 * What the journal holds from before a restart is written first.
 */
export async function startRecorder(
  database: Database,
  recorder: RecorderConfig,
  exchanges: readonly { readonly exchange: ExchangeConfig; readonly connection: AmiConnection }[],
  journalDir: string,
  logger: Logger,
): Promise<RunningRecorder> {
  const types = recorder.settings.matchAddressTypes;
  const { index, cursor } = await loadContactIndex(database, types);
  logger.info({ numbers: index.size }, 'contact index loaded');
  const refresh = setInterval(() => {
    refreshContactIndex(database, index, cursor, types).catch((error: unknown) => {
      logger.warn({ err: describeError(error) }, 'contact index refresh failed; next try later');
    });
  }, CONTACT_REFRESH_MS);

  const journal = CallJournal.open(journalDir);
  const writer = new HistoryWriter(database, journal, logger);
  if (journal.pending().length > 0) logger.info({ calls: journal.pending().length }, 'writing calls left in the journal');
  writer.kick();

  const trackers: CallTracker[] = [];
  const unsubscribe: (() => void)[] = [];
  for (const { exchange, connection } of exchanges) {
    const tracker = new CallTracker({
      exchangeId: exchange.id,
      lines: await trackedLines(database, exchange),
      lineChannelTemplate: exchange.lineChannelTemplate,
      dialRules: { country: exchange.countryCode, outsideLinePrefix: exchange.outsideLinePrefix, internationalPrefix: exchange.internationalPrefix },
    });
    trackers.push(tracker);
    const logged = new Set(exchange.lines.filter((l) => l.active && l.logCalls).map((l) => l.line));
    unsubscribe.push(connection.onEvent((event) => {
      const rows = tracker.handle(event, new Date()).filter((row) => row.line === null || logged.has(row.line));
      if (rows.length === 0) return;
      const records = rows.map((row) => recordOf(row, row.remoteNumber === null ? [] : index.lookup(row.remoteNumber)));
      journal.append(records);
      writer.kick();
    }));
  }
  return {
    liveCalls: () => trackers.reduce((sum, t) => sum + t.liveCalls, 0),
    idle: () => writer.idle(),
    stop: () => {
      for (const off of unsubscribe) off();
      clearInterval(refresh);
      writer.stop();
      journal.close();
      return Promise.resolve();
    },
  };
}
