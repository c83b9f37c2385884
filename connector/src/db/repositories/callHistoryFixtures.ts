import type { CallHistoryRecord } from './callHistoryRecord.js';

/** A received call at line 201 from Jan Novák (contact 11, partner 2 in the demo data); override what a test needs. */
export function receivedCall(overrides: Partial<CallHistoryRecord> = {}): CallHistoryRecord {
  return {
    exchangeId: 1,
    callId: '1795314107.0',
    line: '201',
    participation: 1,
    type: 'received',
    internal: false,
    transferred: false,
    callerNumber: '+420601234567',
    calledNumber: '+420224000100',
    remoteNumber: '+420601234567',
    contactPersonId: 11,
    partnerId: 2,
    responsibleUserId: 2,
    matches: [{ contactPersonId: 11, partnerId: 2 }],
    start: new Date('2026-11-20T08:21:47.661Z'),
    end: new Date('2026-11-20T08:21:54.731Z'),
    endEstimated: false,
    ringSeconds: 3.01,
    talkSeconds: 4.04,
    recording: 'in-420601234567-224000100-1795314107.0.wav',
    ...overrides,
  };
}
