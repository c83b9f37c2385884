import type { Database } from '../db/database.js';
import { writeCallHistory } from '../db/repositories/callHistoryRepository.js';
import { findContactsByE164 } from '../db/repositories/contactsRepository.js';
import type { RecorderConfig } from '../db/repositories/recorderConfigRepository.js';
import { ConnectorError } from '../errors.js';
import { parseTrace } from '../ami/simulator/traceReplay.js';
import { recordOf } from '../recorder/rowRecord.js';
import { CallTracker, type TrackedRow } from './callTracker.js';
import { trackedLines } from './trackedLines.js';

/** A call-history row as `connector replay` prints it (issue 4: exactly these fields; times as ISO 8601). */
export type ReplayRow = Omit<TrackedRow, 'participation' | 'userId' | 'remoteNumber' | 'start' | 'end' | 'endEstimated' | 'kept'> & {
  readonly start: string;
  readonly end: string;
};

/** Runs a recorded trace through the tracker against the configured exchange; writes the rows unless dry. */
export async function replayTrace(
  database: Database,
  recorder: RecorderConfig,
  traceText: string,
  options: { readonly exchangeId: number | undefined; readonly dryRun: boolean; readonly now: Date },
): Promise<ReplayRow[]> {
  const exchange = options.exchangeId === undefined ? recorder.exchanges[0] : recorder.exchanges.find((e) => e.id === options.exchangeId);
  if (exchange === undefined) {
    throw new ConnectorError('INVALID_INPUT', options.exchangeId === undefined ? 'no active exchange to replay against' : `exchange ${options.exchangeId} is not an active exchange`);
  }
  const trace = parseTrace(traceText);
  if (!trace.ok) throw new ConnectorError('INVALID_INPUT', `not a trace: ${trace.error}`);
  const tracker = new CallTracker({
    exchangeId: exchange.id,
    lines: await trackedLines(database, exchange),
    lineChannelTemplate: exchange.lineChannelTemplate,
    dialRules: { country: exchange.countryCode, outsideLinePrefix: exchange.outsideLinePrefix, internationalPrefix: exchange.internationalPrefix },
  });
  const tracked: TrackedRow[] = [];
  for (const event of trace.events) tracked.push(...tracker.handle({ kind: 'event', event: event.fields[0]?.[1] ?? '', fields: event.fields }, new Date(event.t)).rows);

  const out: ReplayRow[] = [];
  for (const row of tracked) {
    const matches = row.internal || row.remoteNumber === null ? [] : await findContactsByE164(database, row.remoteNumber, recorder.settings.matchAddressTypes);
    const contactPersonIds = row.internal ? row.contactPersonIds : matches.map((m) => m.contactPersonId);
    const partnerIds = row.internal ? row.partnerIds : [...new Set(matches.flatMap((m) => (m.partnerId === null ? [] : [m.partnerId])))];
    if (!options.dryRun) await writeCallHistory(database, recordOf(row, matches), options.now);
    out.push({
      callId: row.callId, exchangeId: row.exchangeId, line: row.line, user: row.user, type: row.type, internal: row.internal,
      transferred: row.transferred, callerNumber: row.callerNumber, calledNumber: row.calledNumber, contactPersonIds, partnerIds,
      start: row.start.toISOString(), end: row.end.toISOString(), ringSeconds: row.ringSeconds, talkSeconds: row.talkSeconds, recording: row.recording,
    });
  }
  return out;
}
