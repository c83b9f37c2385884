import type { CallEventMessage, DeskNotification } from '@cc/protocol';
import { linkActivitiesToCall } from '../db/repositories/deskActivitiesRepository.js';
import type { AmiConnection } from '../ami/connection/amiConnection.js';
import { loadContactIndex, refreshContactIndex } from '../contacts/contactIndexLoader.js';
import type { Database } from '../db/database.js';
import type { ExchangeConfig, RecorderConfig } from '../db/repositories/recorderConfigRepository.js';
import { addMissedCallNotification } from '../db/repositories/notificationsRepository.js';
import { relabelHistory } from '../db/repositories/relabelRepository.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { trackedLines } from '../tracker/trackedLines.js';
import { CallJournal } from './callJournal.js';
import { startExchangeRecorder, type ExchangeRecorder } from './exchangeRecorder.js';
import { HistoryWriter } from './historyWriter.js';
import { missedCallText } from './missedCallText.js';

export interface RunningRecorder {
  /** Calls the trackers follow now. */
  liveCalls(): number;
  /** Every exchange has squared its live calls with CoreShowChannels since its last login. */
  synced(): boolean;
  /**
   * A user connected at a line (the desk) or left it: while connected, the
   * line's calls are written even if it does not log call information.
   */
  setLineConnected(exchangeId: number, line: string, connected: boolean): void;
  /** Live call events (ringing, answered, left, ended) for the desk. */
  onCallEvent(listener: (message: CallEventMessage) => void): () => void;
  /** A missed-call notification was stored for a user. */
  onNotification(listener: (userId: number, notification: DeskNotification) => void): () => void;
  /** Reads changed contact numbers now (the desk gave a number to a contact); returns how many earlier calls got a contact. */
  refreshContacts(): Promise<number>;
  /** Resolves once every finished call is in the database (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const CONTACT_REFRESH_MS = 15_000;

/**
 * The recorder: one exchange recorder per exchange (events → live-state
 * log → tracker), one contact index, one journal and one writer. Finished
 * calls are kept for the lines that log call information (and calls that
 * rang no line), go into the journal (fsync'ed) and from there into the
 * database; what the journal holds from before a restart is written first.
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
  // New or changed numbers: the index follows, and their earlier unlabelled calls get their contacts.
  const refreshNow = async (): Promise<number> => {
    const { numbers } = await refreshContactIndex(database, index, cursor, types);
    let total = 0;
    for (const number of numbers) {
      const labelled = await relabelHistory(database, number, index.lookup(number));
      if (labelled > 0) logger.info({ calls: labelled }, 'earlier calls labelled with a new contact number');
      total += labelled;
    }
    return total;
  };
  // One refresh at a time: the timer's and the desk's would otherwise read the same changes twice.
  let refreshing: Promise<number> = Promise.resolve(0);
  const refreshOnce = (): Promise<number> => {
    refreshing = refreshing.catch(() => 0).then(refreshNow);
    return refreshing;
  };
  const refresh = setInterval(() => {
    refreshOnce().catch((error: unknown) => {
      logger.warn({ err: describeError(error) }, 'contact index refresh failed; next try later');
    });
  }, CONTACT_REFRESH_MS);

  const journal = CallJournal.open(journalDir);
  // Missed calls on a line with "notify" set tell its user (a call a colleague answered has no row here at all).
  // Not a call that ended while the connector could not see it: whether it was missed is a guess then.
  const notify = new Set(exchanges.flatMap(({ exchange }) => exchange.lines.filter((l) => l.notifyMissed).map((l) => `${exchange.id}/${l.line}`)));
  const notificationListeners = new Set<(userId: number, notification: DeskNotification) => void>();
  const writer = new HistoryWriter(database, journal, logger, () => new Date(), async (record, id) => {
    // An activity saved on the desk while the call went on now gets its row.
    if (record.line !== null) await linkActivitiesToCall(database, { exchangeId: record.exchangeId, callId: record.callId, line: record.line }, id);
    if (record.type !== 'missed' || record.endEstimated || record.responsibleUserId === null || record.line === null || !notify.has(`${record.exchangeId}/${record.line}`)) return;
    const now = new Date();
    const user = await database.db.selectFrom('users').select('language').where('id', '=', record.responsibleUserId).executeTakeFirst();
    const message = missedCallText(user?.language ?? 'cs', record.callerNumber);
    const added = await addMissedCallNotification(database, record.responsibleUserId, id, message, now);
    if (added === false) return;
    const notification: DeskNotification = {
      id: added, kind: 'missed_call', message, callHistoryId: id,
      remoteNumber: record.remoteNumber, createdAt: now.toISOString(), seenAt: null,
    };
    for (const listener of notificationListeners) listener(record.responsibleUserId, notification);
  });
  if (journal.pending().length > 0) logger.info({ calls: journal.pending().length }, 'writing calls left in the journal');

  const listeners = new Set<(message: CallEventMessage) => void>();
  // Connections per line (a user may have the desk open twice).
  const connections = new Map<string, number>();
  const recorders: ExchangeRecorder[] = [];
  for (const { exchange, connection } of exchanges) {
    recorders.push(startExchangeRecorder({
      exchange, connection, index, stateDir: journalDir, logger,
      connected: (line) => (connections.get(`${exchange.id}/${line}`) ?? 0) > 0,
      trackerConfig: {
        exchangeId: exchange.id,
        lines: await trackedLines(database, exchange),
        lineChannelTemplate: exchange.lineChannelTemplate,
        dialRules: { country: exchange.countryCode, outsideLinePrefix: exchange.outsideLinePrefix, internationalPrefix: exchange.internationalPrefix },
      },
      record: (records) => {
        journal.append(records);
        writer.kick();
      },
      publish: (message) => {
        for (const listener of listeners) {
          try {
            listener(message);
          } catch (error) {
            logger.error({ err: describeError(error) }, 'a call-event listener failed');
          }
        }
      },
    }));
  }
  writer.kick();
  return {
    liveCalls: () => recorders.reduce((sum, r) => sum + r.tracker().liveCalls, 0),
    synced: () => recorders.every((r) => r.synced()),
    setLineConnected: (exchangeId, line, connected) => {
      const key = `${exchangeId}/${line}`;
      const count = Math.max(0, (connections.get(key) ?? 0) + (connected ? 1 : -1));
      if (count === 0) connections.delete(key);
      else connections.set(key, count);
      if (connected) recorders[exchanges.findIndex((e) => e.exchange.id === exchangeId)]?.lineConnected(line);
    },
    onCallEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onNotification: (listener) => {
      notificationListeners.add(listener);
      return () => notificationListeners.delete(listener);
    },
    refreshContacts: refreshOnce,
    idle: () => writer.idle(),
    stop: () => {
      for (const r of recorders) r.stop();
      clearInterval(refresh);
      writer.stop();
      journal.close();
      return Promise.resolve();
    },
  };
}
