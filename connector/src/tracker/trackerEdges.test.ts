import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AmiEvent, AmiField } from '../ami/codec/amiMessage.js';
import { stampedEvent, trackerConfig } from '../testing/trackerFixtures.js';
import { CallTracker, type TrackedRow } from './callTracker.js';

const config = trackerConfig();
const T0 = Date.parse('2026-11-22T09:00:00.000Z');
const ev = (seconds: number, ...fields: AmiField[]): AmiEvent => stampedEvent(T0, seconds, ...fields);
const run = (tracker: CallTracker, events: readonly AmiEvent[]): TrackedRow[] => events.flatMap((e) => tracker.handle(e, new Date(T0)).rows);
const brief = (r: TrackedRow): string => `${r.line ?? '-'} ${r.type}${r.transferred ? ' transferred' : ''} ${r.callerNumber}→${r.calledNumber} talked ${String(r.talkSeconds)} s`;

test('a Timestamp or a Duration beyond belief is not believed: the time of receipt counts, and the snapshot still works', () => {
  const tracker = new CallTracker(config);
  // Tried: a Timestamp of 1e20 s, a negative one, and garbage; a CoreShowChannel Duration of 99999999:00:00.
  for (const [i, stamp] of ['1e20', '-5', 'soon'].entries()) {
    tracker.handle({ kind: 'event', event: 'Newchannel', fields: [['Event', 'Newchannel'], ['Channel', `PJSIP/trunk-0000000${String(i)}`], ['Uniqueid', stamp], ['Linkedid', stamp], ['Timestamp', stamp]] }, new Date(T0));
  }
  const rebuilt = new CallTracker(config);
  rebuilt.resync(rebuilt.beginResync(), [{ kind: 'event', event: 'CoreShowChannel', fields: [['Event', 'CoreShowChannel'], ['Channel', 'PJSIP/trunk-000000ff'], ['Linkedid', 'x.1'], ['Duration', '99999999:00:00']] }], new Date(T0));
  const times = [tracker, rebuilt].flatMap((t) => (JSON.parse(JSON.stringify(t.snapshot())) as ReturnType<CallTracker['snapshot']>).calls.flatMap((c) => c.channels.map((ch) => ch.createdAt)));
  assert.equal(times.length, 4);
  assert.ok(times.every((t) => t === new Date(T0).toISOString()), times.join(', '));
});

test('a channel Asterisk renames (a pickup) is followed under its new name, and the call ends', () => {
  const L = '1795400300.1';
  const tracker = new CallTracker(config);
  const rows = run(tracker, [
    ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/trunk-00000020'], ['CallerIDNum', '+420602111222'], ['Exten', '224000100'], ['Uniqueid', L], ['Linkedid', L]),
    ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/201-00000021'], ['Uniqueid', '1795400300.2'], ['Linkedid', L]),
    ev(0, ['Event', 'DialBegin'], ['Channel', 'PJSIP/trunk-00000020'], ['DestChannel', 'PJSIP/201-00000021'], ['DialString', '201']),
    ev(3, ['Event', 'Rename'], ['Channel', 'PJSIP/201-00000021'], ['Newname', 'PJSIP/202-00000022']),
    ev(3, ['Event', 'DialEnd'], ['Channel', 'PJSIP/trunk-00000020'], ['DestChannel', 'PJSIP/202-00000022'], ['DialStatus', 'ANSWER']),
    ev(9, ['Event', 'Hangup'], ['Channel', 'PJSIP/202-00000022'], ['Linkedid', L]),
    ev(9, ['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000020'], ['Linkedid', L]),
  ]);
  assert.equal(tracker.liveCalls, 0, 'not stuck');
  assert.deepEqual(rows.map(brief), ['202 received +420602111222→+420224000100 talked 6 s']);
});

test('an extension that is no configured line calls out: no missed row without a line is made up for it', () => {
  const L = '1795400400.1';
  const tracker = new CallTracker(config);
  const rows = run(tracker, [
    ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/299-00000030'], ['CallerIDNum', '299'], ['Exten', '0777888999'], ['Uniqueid', L], ['Linkedid', L]),
    ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/trunk-00000031'], ['CallerIDNum', '<unknown>'], ['Exten', 's'], ['Uniqueid', '1795400400.2'], ['Linkedid', L]),
    ev(0, ['Event', 'DialBegin'], ['Channel', 'PJSIP/299-00000030'], ['DestChannel', 'PJSIP/trunk-00000031'], ['DialString', '0777888999@trunk']),
    ev(2, ['Event', 'DialEnd'], ['Channel', 'PJSIP/299-00000030'], ['DestChannel', 'PJSIP/trunk-00000031'], ['DialStatus', 'ANSWER']),
    ev(9, ['Event', 'Hangup'], ['Channel', 'PJSIP/299-00000030'], ['Linkedid', L]),
    ev(9, ['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000031'], ['Linkedid', L]),
  ]);
  assert.deepEqual(rows, []);
});

test('an attended transfer whose REFER came on the consultation dialog gives the same rows: the first call goes on', () => {
  const A = '1795400500.1';
  const B = '1795400505.3';
  const tracker = new CallTracker(config);
  const rows = run(tracker, [
    ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/trunk-00000040'], ['CallerIDNum', '+420601234567'], ['Exten', '224000100'], ['Uniqueid', A], ['Linkedid', A]),
    ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/201-00000041'], ['Uniqueid', '1795400500.2'], ['Linkedid', A]),
    ev(0, ['Event', 'DialBegin'], ['Channel', 'PJSIP/trunk-00000040'], ['DestChannel', 'PJSIP/201-00000041'], ['DialString', '201']),
    ev(2, ['Event', 'DialEnd'], ['Channel', 'PJSIP/trunk-00000040'], ['DestChannel', 'PJSIP/201-00000041'], ['DialStatus', 'ANSWER']),
    ev(5, ['Event', 'Newchannel'], ['Channel', 'PJSIP/201-00000042'], ['CallerIDNum', '201'], ['Exten', '203'], ['Uniqueid', B], ['Linkedid', B]),
    ev(5, ['Event', 'Newchannel'], ['Channel', 'PJSIP/203-00000043'], ['Uniqueid', '1795400505.4'], ['Linkedid', B]),
    ev(5, ['Event', 'DialBegin'], ['Channel', 'PJSIP/201-00000042'], ['DestChannel', 'PJSIP/203-00000043'], ['DialString', '203']),
    ev(7, ['Event', 'DialEnd'], ['Channel', 'PJSIP/201-00000042'], ['DestChannel', 'PJSIP/203-00000043'], ['DialStatus', 'ANSWER']),
    // The roles as chan_pjsip reports them when the phone sent REFER on the consultation: 203 is the "transferee".
    ev(10, ['Event', 'AttendedTransfer'], ['Result', 'Success'], ['OrigTransfererChannel', 'PJSIP/201-00000042'], ['SecondTransfererChannel', 'PJSIP/201-00000041'],
      ['TransfereeChannel', 'PJSIP/203-00000043'], ['TransferTargetChannel', 'PJSIP/trunk-00000040'], ['DestType', 'Bridge']),
    ev(10, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000042'], ['Linkedid', B]),
    ev(10, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000041'], ['Linkedid', A]),
    ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/203-00000043'], ['Linkedid', B]),
    ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000040'], ['Linkedid', A]),
  ]);
  assert.deepEqual(rows.map(brief), [
    '201 received transferred +420601234567→+420224000100 talked 8 s',
    '203 received transferred +420601234567→+420224000100 talked 13 s',
  ]);
  assert.ok(rows.every((r) => r.callId === A));
});
