import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AmiEvent, AmiField } from '../ami/codec/amiMessage.js';
import { stampedEvent, trackerConfig } from '../testing/trackerFixtures.js';
import { CallTracker, type TrackedRow, type TrackerEvent } from './callTracker.js';

/*
 * An attended transfer as Asterisk 12+ reports it (AMI event reference,
 * "AttendedTransfer"): +420601234567 calls the DID 224000100, 201 answers
 * after 2 s, puts the caller on hold and calls 203 at 5 s (a second call,
 * its own Linkedid), 203 answers at 7 s, 201 completes the transfer at
 * 10 s, the caller and 203 talk until 20 s. No recording of this exists
 * here yet; the rows below are DESIGN §4 applied by hand.
 */
const config = trackerConfig();
const T0 = Date.parse('2026-11-22T09:00:00.000Z');
const ev = (seconds: number, ...fields: AmiField[]): AmiEvent => stampedEvent(T0, seconds, ...fields);
const A = '1795400100.1';
const B = '1795400105.3';

const events: AmiEvent[] = [
  ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/trunk-00000001'], ['CallerIDNum', '+420601234567'], ['Exten', '224000100'], ['Uniqueid', A], ['Linkedid', A]),
  ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/201-00000002'], ['CallerIDNum', '201'], ['Exten', 's'], ['Uniqueid', '1795400100.2'], ['Linkedid', A]),
  ev(0, ['Event', 'DialBegin'], ['Channel', 'PJSIP/trunk-00000001'], ['DestChannel', 'PJSIP/201-00000002'], ['DialString', '201']),
  ev(2, ['Event', 'DialEnd'], ['Channel', 'PJSIP/trunk-00000001'], ['DestChannel', 'PJSIP/201-00000002'], ['DialStatus', 'ANSWER']),
  ev(5, ['Event', 'Hold'], ['Channel', 'PJSIP/trunk-00000001']),
  ev(5, ['Event', 'Newchannel'], ['Channel', 'PJSIP/201-00000003'], ['CallerIDNum', '201'], ['Exten', '203'], ['Uniqueid', B], ['Linkedid', B]),
  ev(5, ['Event', 'Newchannel'], ['Channel', 'PJSIP/203-00000004'], ['CallerIDNum', '203'], ['Exten', 's'], ['Uniqueid', '1795400105.4'], ['Linkedid', B]),
  ev(5, ['Event', 'DialBegin'], ['Channel', 'PJSIP/201-00000003'], ['DestChannel', 'PJSIP/203-00000004'], ['DialString', '203']),
  ev(7, ['Event', 'DialEnd'], ['Channel', 'PJSIP/201-00000003'], ['DestChannel', 'PJSIP/203-00000004'], ['DialStatus', 'ANSWER']),
  ev(10, ['Event', 'AttendedTransfer'], ['Result', 'Success'], ['OrigTransfererChannel', 'PJSIP/201-00000002'], ['OrigTransfererLinkedid', A],
    ['SecondTransfererChannel', 'PJSIP/201-00000003'], ['SecondTransfererLinkedid', B], ['TransfereeChannel', 'PJSIP/trunk-00000001'], ['TransfereeLinkedid', A],
    ['TransferTargetChannel', 'PJSIP/203-00000004'], ['TransferTargetLinkedid', B], ['DestType', 'Bridge']),
  ev(10, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000003'], ['Linkedid', B]),
  ev(10, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000002'], ['Linkedid', A]),
  ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/203-00000004'], ['Linkedid', B]),
  ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000001'], ['Linkedid', A]),
];

function run(list: readonly AmiEvent[]): { rows: TrackedRow[]; live: TrackerEvent[] } {
  const tracker = new CallTracker(config);
  const steps = list.map((e) => tracker.handle(e, new Date(T0)));
  assert.equal(tracker.liveCalls, 0);
  return { rows: steps.flatMap((s) => s.rows), live: steps.flatMap((s) => s.live) };
}

const brief = (r: TrackedRow): string =>
  `${r.line ?? '-'} ${r.type}${r.internal ? ' internal' : ''}${r.transferred ? ' transferred' : ''} ${r.callerNumber}→${r.calledNumber} from ${String((r.start.getTime() - T0) / 1000)} s, rang ${String(r.ringSeconds)} s, talked ${String(r.talkSeconds)} s`;

test('attended transfer: each line that talked has its own received row; the consultation is part of the transferred call', () => {
  const { rows } = run(events);
  assert.deepEqual(rows.map(brief), [
    '201 received transferred +420601234567→+420224000100 from 0 s, rang 2 s, talked 8 s',
    // The consulted line: ringing from the consultation, its talk includes it, its caller is the outside party.
    '203 received transferred +420601234567→+420224000100 from 5 s, rang 2 s, talked 13 s',
  ]);
  assert.ok(rows.every((r) => r.callId === A), 'one call: the transferred one');
});

test('attended transfer: the pop-up follows the caller to 203', () => {
  const { live } = run(events);
  const transfer = live.findIndex((e) => e.kind === 'left' && e.callId === B);
  assert.ok(transfer > 0);
  const after = live.slice(transfer).map((e) => `${e.kind} ${e.callId === A ? 'A' : 'B'} ${e.kind === 'ended' ? e.lines.join(',') : e.line}${e.kind === 'ringing' ? ` ${e.callerNumber}` : ''}`);
  assert.deepEqual(after, ['left B 201', 'left B 203', 'ringing A 203 +420601234567', 'answered A 203', 'left A 201', 'left A 203', 'ended A ']);
});

test('a failed attended transfer leaves two calls: the outside call and an internal consultation', () => {
  const failed = events.map((e) => (e.event === 'AttendedTransfer' ? { ...e, fields: e.fields.map(([k, v]): AmiField => [k, k === 'Result' ? 'Fail' : v]) } : e));
  const { rows } = run(failed);
  assert.deepEqual(rows.map((r) => `${r.callId === A ? 'A' : 'B'} ${r.line ?? '-'} ${r.type}${r.internal ? ' internal' : ''}`).sort(), [
    'A 201 received', 'B 201 outgoing internal', 'B 203 received internal',
  ]);
});

test('a transfer after consulting an outside number keeps the consultation as the transferer\'s outgoing call', () => {
  const consult: AmiEvent[] = [
    ...events.slice(0, 5),
    ev(5, ['Event', 'Newchannel'], ['Channel', 'PJSIP/201-00000003'], ['CallerIDNum', '201'], ['Exten', '0777888999'], ['Uniqueid', B], ['Linkedid', B]),
    ev(5, ['Event', 'Newchannel'], ['Channel', 'PJSIP/trunk-00000005'], ['CallerIDNum', '<unknown>'], ['Exten', 's'], ['Uniqueid', '1795400105.5'], ['Linkedid', B]),
    ev(5, ['Event', 'DialBegin'], ['Channel', 'PJSIP/201-00000003'], ['DestChannel', 'PJSIP/trunk-00000005'], ['DialString', '0777888999@trunk']),
    ev(7, ['Event', 'DialEnd'], ['Channel', 'PJSIP/201-00000003'], ['DestChannel', 'PJSIP/trunk-00000005'], ['DialStatus', 'ANSWER']),
    ev(10, ['Event', 'AttendedTransfer'], ['Result', 'Success'], ['OrigTransfererChannel', 'PJSIP/201-00000002'], ['SecondTransfererChannel', 'PJSIP/201-00000003'],
      ['TransfereeChannel', 'PJSIP/trunk-00000001'], ['TransferTargetChannel', 'PJSIP/trunk-00000005'], ['DestType', 'Bridge']),
    ev(10, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000003'], ['Linkedid', B]),
    ev(10, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000002'], ['Linkedid', A]),
    ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000005'], ['Linkedid', B]),
    ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000001'], ['Linkedid', A]),
  ];
  const { rows } = run(consult);
  assert.deepEqual(rows.map(brief), [
    '201 received transferred +420601234567→+420224000100 from 0 s, rang 2 s, talked 8 s',
    '201 outgoing transferred 201→+420777888999 from 5 s, rang 2 s, talked 3 s',
  ]);
});

test('an internal call first, then an outside caller joined to it: the consulted line gets the outside caller', () => {
  // 201 talks to 203 (internal, from 0 s); an outside call reaches 201 at 10 s; at 20 s 201 joins the caller to 203.
  const I = '1795400090.1';
  const O = '1795400100.5';
  const { rows } = run([
    ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/201-00000010'], ['CallerIDNum', '201'], ['Exten', '203'], ['Uniqueid', I], ['Linkedid', I]),
    ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/203-00000011'], ['Uniqueid', '1795400090.2'], ['Linkedid', I]),
    ev(0, ['Event', 'DialBegin'], ['Channel', 'PJSIP/201-00000010'], ['DestChannel', 'PJSIP/203-00000011'], ['DialString', '203']),
    ev(2, ['Event', 'DialEnd'], ['Channel', 'PJSIP/201-00000010'], ['DestChannel', 'PJSIP/203-00000011'], ['DialStatus', 'ANSWER']),
    ev(10, ['Event', 'Newchannel'], ['Channel', 'PJSIP/trunk-00000012'], ['CallerIDNum', '+420601234567'], ['Exten', '224000100'], ['Uniqueid', O], ['Linkedid', O]),
    ev(10, ['Event', 'Newchannel'], ['Channel', 'PJSIP/201-00000013'], ['Uniqueid', '1795400100.6'], ['Linkedid', O]),
    ev(10, ['Event', 'DialBegin'], ['Channel', 'PJSIP/trunk-00000012'], ['DestChannel', 'PJSIP/201-00000013'], ['DialString', '201']),
    ev(12, ['Event', 'DialEnd'], ['Channel', 'PJSIP/trunk-00000012'], ['DestChannel', 'PJSIP/201-00000013'], ['DialStatus', 'ANSWER']),
    ev(20, ['Event', 'AttendedTransfer'], ['Result', 'Success'], ['OrigTransfererChannel', 'PJSIP/201-00000010'], ['SecondTransfererChannel', 'PJSIP/201-00000013'],
      ['TransfereeChannel', 'PJSIP/203-00000011'], ['TransferTargetChannel', 'PJSIP/trunk-00000012'], ['DestType', 'Bridge']),
    ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000010'], ['Linkedid', I]),
    ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000013'], ['Linkedid', O]),
    ev(80, ['Event', 'Hangup'], ['Channel', 'PJSIP/203-00000011'], ['Linkedid', I]),
    ev(80, ['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000012'], ['Linkedid', O]),
  ]);
  assert.ok(rows.every((r) => r.callId === O), 'the outside call goes on');
  assert.ok(rows.some((r) => r.line === '203' && r.type === 'received' && !r.internal && r.transferred && r.callerNumber === '+420601234567'), rows.map(brief).join('; '));
});

test('a consultation\'s late channel after the transferred call ended is no new call, and writes nothing again', () => {
  const tracker = new CallTracker(config);
  const written = events.flatMap((e) => tracker.handle(e, new Date(T0)).rows);
  assert.equal(written.length, 2);
  const late = [
    ev(30, ['Event', 'Newchannel'], ['Channel', 'PJSIP/203-00000099'], ['Uniqueid', '1795400130.9'], ['Linkedid', B]),
    ev(31, ['Event', 'Hangup'], ['Channel', 'PJSIP/203-00000099'], ['Linkedid', B]),
  ];
  assert.deepEqual(late.flatMap((e) => tracker.handle(e, new Date(T0)).rows), []);
  assert.equal(tracker.liveCalls, 0);
});

test('the merge survives a restart: the consultation\'s Linkedid still leads to the transferred call', () => {
  const transfer = events.findIndex((e) => e.event === 'AttendedTransfer');
  const before = new CallTracker(config);
  for (const e of events.slice(0, transfer + 1)) before.handle(e, new Date(T0));
  const after = CallTracker.restore(config, JSON.parse(JSON.stringify(before.snapshot())) as ReturnType<CallTracker['snapshot']>);
  // After the restart, 203 (in the consultation's Linkedid) dials 202 from the transferred call.
  after.handle(ev(12, ['Event', 'Newchannel'], ['Channel', 'PJSIP/202-00000020'], ['Uniqueid', '1795400112.1'], ['Linkedid', B]), new Date(T0));
  assert.equal(after.liveCalls, 1, 'no call of its own');
});
