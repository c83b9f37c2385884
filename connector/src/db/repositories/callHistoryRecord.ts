import { ConnectorError } from '../../errors.js';
import type { CallType } from '../schema.js';

/** One row of the Call History book, as the recorder produces it. */
export interface CallHistoryRecord {
  readonly exchangeId: number;
  /** Asterisk Linkedid (calls merged by a transfer keep the first call's id). */
  readonly callId: string;
  /** The line (extension); null for a call that rang no line. */
  readonly line: string | null;
  /** 1 unless the same line takes part in the same call again (a transfer back to it). */
  readonly participation: number;
  readonly type: CallType;
  readonly internal: boolean;
  readonly transferred: boolean;
  readonly callerNumber: string;
  readonly calledNumber: string;
  /** The outside party's number in E.164 (null on internal calls): what re-labelling looks for. */
  readonly remoteNumber: string | null;
  readonly contactPersonId: number | null;
  readonly partnerId: number | null;
  readonly responsibleUserId: number | null;
  /** Every contact the number matched; the row keeps `contactPersonId` only when the choice is clear. */
  readonly matches: readonly { readonly contactPersonId: number; readonly partnerId: number | null }[];
  readonly start: Date;
  readonly end: Date;
  readonly endEstimated: boolean;
  readonly ringSeconds: number;
  readonly talkSeconds: number;
  readonly recording: string | null;
}

const CALL_TYPES: readonly CallType[] = ['received', 'missed', 'outgoing'];

/** Column sizes of sql/*\/0001_erp_books.sql: SQL Server enforces them, SQLite does not, so we do. */
const TEXT_LIMITS = {
  callId: 64,
  line: 20,
  callerNumber: 40,
  calledNumber: 40,
  remoteNumber: 40,
  recording: 255,
} as const;

/** Checks a record before it is written, so that bad input changes nothing on either backend. */
export function validateCallHistoryRecord(record: CallHistoryRecord): void {
  const problems: string[] = [];
  if (record.callId.trim() === '') problems.push('callId must not be empty');
  if (record.line === '') problems.push("line must be null or an extension, not ''");
  for (const [field, limit] of Object.entries(TEXT_LIMITS)) {
    const value = record[field as keyof typeof TEXT_LIMITS];
    if (value !== null && value.length > limit) problems.push(`${field} is longer than ${limit} characters`);
  }
  if (!CALL_TYPES.includes(record.type)) problems.push(`type must be one of ${CALL_TYPES.join(', ')}`);
  if (!Number.isInteger(record.exchangeId)) problems.push('exchangeId must be an integer');
  if (!Number.isInteger(record.participation) || record.participation < 1) {
    problems.push('participation must be a whole number from 1');
  }
  if (Number.isNaN(record.start.getTime()) || Number.isNaN(record.end.getTime())) problems.push('start and end must be valid times');
  else if (record.end < record.start) problems.push('end must not be before start');
  for (const field of ['ringSeconds', 'talkSeconds'] as const) {
    const value = record[field];
    if (!Number.isFinite(value) || value < 0 || value >= 10_000_000) problems.push(`${field} must be a number from 0 to 9,999,999`);
  }
  if (problems.length > 0) {
    throw new ConnectorError('INVALID_INPUT', `call-history row ${record.exchangeId}/${record.callId} not written: ${problems.join('; ')}`);
  }
}
