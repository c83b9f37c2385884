import type { CallEventMessage, ContactMatch } from '@cc/protocol';
import { field } from '../ami/codec/amiMessage.js';
import type { AmiConnection, ListResult } from '../ami/connection/amiConnection.js';
import type { ContactIndex } from '../contacts/contactIndex.js';
import type { ExchangeConfig } from '../db/repositories/recorderConfigRepository.js';
import type { CallHistoryRecord } from '../db/repositories/callHistoryRecord.js';
import { ConnectorError, describeError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { CallTracker, type TrackerConfig, type TrackerEvent, type TrackerStep } from '../tracker/callTracker.js';
import { LiveStateLog } from './liveStateLog.js';
import { recordOf } from './rowRecord.js';

export interface ExchangeRecorderOptions {
  readonly exchange: ExchangeConfig;
  readonly connection: AmiConnection;
  readonly trackerConfig: TrackerConfig;
  readonly index: ContactIndex;
  readonly stateDir: string;
  readonly logger: Logger;
  /** Lines whose user is connected now (the desk): their calls are written even without "log call information". */
  readonly connected: (line: string) => boolean;
  /** Finished calls' records, to be journalled (fsync'ed) and written. */
  readonly record: (records: readonly CallHistoryRecord[]) => void;
  /** Live call events for the desk. */
  readonly publish: (message: CallEventMessage) => void;
  readonly now?: () => Date;
}

/** How often the exchange is marked as seen whole, which bounds the estimated end of a call that ends unseen. */
const ALIVE_EVERY_MS = 2_000;
/** The live-state log starts over from a snapshot after this many records (and whenever no call is live). */
const COMPACT_AFTER = 5_000;
/** Events the tracker acts on: only these go into the live-state log (of VarSets, only the recording's name). */
const TRACKED = new Set(['Newchannel', 'DialBegin', 'DialEnd', 'BlindTransfer', 'AttendedTransfer', 'VarSet', 'Hangup', 'Rename', 'QueueCallerJoin']);
/** A refused or timed-out CoreShowChannels is asked again after this, doubling up to the cap. */
const RESYNC_RETRY_MS = 5_000;
const RESYNC_RETRY_CAP_MS = 60_000;

export interface ExchangeRecorder {
  readonly tracker: () => CallTracker;
  /** A user connected at the line: the live calls it is in are kept. */
  readonly lineConnected: (line: string) => void;
  /** The last login's CoreShowChannels resync is done (and the connection is up since). */
  readonly synced: () => boolean;
  stop(): void;
}

/**
 * One exchange's live path: its AMI events are logged (live-state log),
 * then go through its call tracker; finished calls' rows get their
 * contacts and go to the journal; live call events go to the desk. At
 * start the tracker goes on from what the log holds; after every login it
 * squares its calls with CoreShowChannels (DESIGN §5, §7.10).
 */
export function startExchangeRecorder(options: ExchangeRecorderOptions): ExchangeRecorder {
  const { exchange, connection, index, logger } = options;
  const now = options.now ?? (() => new Date());
  const logged = new Set(exchange.lines.filter((l) => l.active && l.logCalls).map((l) => l.line));
  const { log, state } = LiveStateLog.open(options.stateDir, exchange.id);
  if (state.setAside !== null) logger.error({ file: state.setAside }, 'the live-call state could not be read back; set aside, calls live before the restart may be missing');
  const tracker = state.snapshot === null ? new CallTracker(options.trackerConfig) : CallTracker.restore(options.trackerConfig, state.snapshot);
  let synced = false;

  // A log that cannot be written (a full disk) must not stop the recording: calls go on being tracked
  // and written; only what a kill would lose grows. It is said once, and retried with each compaction.
  let logBroken = false;
  const safely = (what: string, write: () => void): void => {
    try {
      write();
      if (logBroken) logger.info('the live-call state is written again');
      logBroken = false;
    } catch (error) {
      if (!logBroken) logger.error({ err: describeError(error), what }, 'the live-call state cannot be written; calls live at a kill may be lost');
      logBroken = true;
    }
  };
  const compact = (): void => {
    safely('snapshot', () => {
      log.compact(tracker.snapshot());
    });
  };
  // A record is appended only while the log works; once broken, the next compaction (retried as records would come) mends it.
  const append = (what: string, write: () => void): void => {
    if (!logBroken) safely(what, write);
  };
  const take = (step: TrackerStep): void => {
    const rows = step.rows.filter((row) => row.line === null || logged.has(row.line) || row.kept || options.connected(row.line));
    if (rows.length > 0) options.record(rows.map((row) => recordOf(row, row.remoteNumber === null ? [] : index.lookup(row.remoteNumber))));
    for (const event of step.live) {
      // A connected user's line is kept in the call, so that its row is written even if the call ends while the connector is down.
      if (event.kind !== 'ended' && options.connected(event.line)) keep(event.line, event.callId);
      options.publish(message(event, options.trackerConfig, index));
    }
  };

  function keep(line: string, callId: string | null): void {
    if (!tracker.keepLine(line, callId ?? undefined)) return;
    append('keep', () => {
      log.appendKeep(line, callId, now());
    });
  }

  // What the log holds: the calls as they stood when the last run ended. Rows of calls that ended
  // then are taken again (the journal and the idempotent write make that harmless); live events are not.
  for (const record of state.records) {
    if (record.kind === 'event') take({ rows: tracker.handle(record.event, record.at).rows, live: [] });
    if (record.kind === 'keep') tracker.keepLine(record.line, record.callId ?? undefined);
    if (record.kind === 'alive' || (record.kind === 'event' && record.alive)) tracker.alive(record.at);
  }
  if (tracker.liveCalls > 0) logger.info({ calls: tracker.liveCalls }, 'calls live before the restart are followed again');
  compact();

  const compactIfDue = (): void => {
    if (logBroken || (log.recordsSinceSnapshot > 0 && (tracker.liveCalls === 0 || log.recordsSinceSnapshot >= COMPACT_AFTER))) compact();
  };

  const offEvent = connection.onEvent((event) => {
    if (!TRACKED.has(event.event) || (event.event === 'VarSet' && field(event, 'Variable') !== 'MIXMONITOR_FILENAME')) return;
    const at = now();
    append('event', () => {
      log.appendEvent(event, at, synced);
    });
    const step = tracker.handle(event, at);
    if (synced) tracker.alive(at);
    take(step);
    if (step.rows.length > 0) compactIfDue();
  });
  const offStatus = connection.onStatus((status) => {
    if (status.state !== 'connected') synced = false;
  });
  // The answer is squared with the calls at the point of the event stream where it ends, before any later event.
  const resync = async (): Promise<void> => {
    const ticket = tracker.beginResync();
    const apply = (list: ListResult): void => {
      if (list.complete === undefined) return;
      const at = now();
      const step = tracker.resync(ticket, list.events, at);
      take(step);
      tracker.alive(at);
      synced = true;
      compact();
      logger.info({ channels: list.events.length, live: tracker.liveCalls, endedUnseen: step.rows.length }, 'live calls read again with CoreShowChannels');
    };
    try {
      const list = await connection.sendList('CoreShowChannels', [], undefined, apply);
      if (list.complete === undefined) {
        throw new ConnectorError('AMI_ACTION_FAILED', `CoreShowChannels refused: ${list.response.fields.find(([k]) => k === 'Message')?.[1] ?? 'no reason'}`);
      }
    } catch (error) {
      tracker.cancelResync(ticket);
      throw error;
    }
  };
  // Refused (the AMI user lacks the "reporting" right) or timed out: tried again, less and less often, while the
  // connection lasts; a new login starts over.
  let retry: NodeJS.Timeout | undefined;
  let retryMs = RESYNC_RETRY_MS;
  const resyncUntilDone = (): void => {
    clearTimeout(retry);
    resync().then(
      () => {
        retryMs = RESYNC_RETRY_MS;
      },
      (error: unknown) => {
        logger.warn({ err: describeError(error), retryInMs: retryMs }, 'CoreShowChannels failed; live calls are not squared yet');
        if (connection.status.state !== 'connected') return;
        retry = setTimeout(resyncUntilDone, retryMs);
        retryMs = Math.min(RESYNC_RETRY_CAP_MS, retryMs * 2);
      },
    );
  };
  const offReady = connection.onReady(() => {
    retryMs = RESYNC_RETRY_MS;
    resyncUntilDone();
  });
  // Only a live call needs to know when the exchange was last seen whole.
  const heartbeat = setInterval(() => {
    if (!synced) return;
    const at = now();
    tracker.alive(at);
    if (tracker.liveCalls === 0) return;
    append('alive', () => {
      log.appendAlive(at);
    });
    compactIfDue();
  }, ALIVE_EVERY_MS);

  return {
    tracker: () => tracker,
    lineConnected: (line) => {
      keep(line, null);
    },
    synced: () => synced,
    stop: () => {
      offEvent();
      offStatus();
      offReady();
      clearInterval(heartbeat);
      clearTimeout(retry);
      log.close();
    },
  };
}

/** A tracker event as the desk gets it: times as ISO 8601, a ringing call with every contact that matched. */
function message(event: TrackerEvent, config: TrackerConfig, index: ContactIndex): CallEventMessage {
  const at = event.at.toISOString();
  if (event.kind !== 'ringing') return { ...event, at };
  let contacts: ContactMatch[] = [];
  if (event.otherLine !== null) {
    const other = config.lines.get(event.otherLine);
    contacts = other?.contactPersonId == null ? [] : [{ contactPersonId: other.contactPersonId, partnerId: other.partnerId }];
  } else if (event.remoteNumber !== null) {
    contacts = index.lookup(event.remoteNumber).map((m) => ({ contactPersonId: m.contactPersonId, partnerId: m.partnerId }));
  }
  return { ...event, at, contacts };
}
