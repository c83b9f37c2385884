import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AmiEvent, AmiField } from '../ami/codec/amiMessage.js';
import { stampedEvent, trackerConfig } from '../testing/trackerFixtures.js';
import { CallTracker, type TrackedRow, type TrackerEvent } from './callTracker.js';

/*
 * DESIGN §7.3: one line, two devices (a desk phone and a softphone
 * registered to the same PJSIP endpoint). Asterisk's Dial(PJSIP/201) rings
 * both contacts as two channels of line 201; the one that answers wins and
 * the other is cancelled. One pop-up, one row.
 */
const config = trackerConfig(['201']);
const T0 = Date.parse('2026-11-22T09:00:00.000Z');
const ev = (seconds: number, ...fields: AmiField[]): AmiEvent => stampedEvent(T0, seconds, ...fields);
const L = '1795400200.1';
const ringing: AmiEvent[] = [
  ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/trunk-00000010'], ['CallerIDNum', '+420602111222'], ['Exten', '224000100'], ['Uniqueid', L], ['Linkedid', L]),
  ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/201-00000011'], ['Uniqueid', '1795400200.2'], ['Linkedid', L]),
  ev(0, ['Event', 'Newchannel'], ['Channel', 'PJSIP/201-00000012'], ['Uniqueid', '1795400200.3'], ['Linkedid', L]),
  ev(0, ['Event', 'DialBegin'], ['Channel', 'PJSIP/trunk-00000010'], ['DestChannel', 'PJSIP/201-00000011'], ['DialString', '201']),
  ev(0, ['Event', 'DialBegin'], ['Channel', 'PJSIP/trunk-00000010'], ['DestChannel', 'PJSIP/201-00000012'], ['DialString', '201']),
];

function run(events: readonly AmiEvent[]): { rows: TrackedRow[]; live: string[] } {
  const tracker = new CallTracker(config);
  const steps = events.map((e) => tracker.handle(e, new Date(T0)));
  assert.equal(tracker.liveCalls, 0);
  const live = steps.flatMap((s) => s.live).map((e: TrackerEvent) => (e.kind === 'ended' ? `ended ${e.lines.join(',')}` : `${e.kind} ${e.line}`));
  return { rows: steps.flatMap((s) => s.rows), live };
}

test('the softphone answers: one pop-up that closes at hang-up, one received row, no missed row for the desk phone', () => {
  const { rows, live } = run([
    ...ringing,
    ev(4, ['Event', 'DialEnd'], ['Channel', 'PJSIP/trunk-00000010'], ['DestChannel', 'PJSIP/201-00000012'], ['DialStatus', 'ANSWER']),
    ev(4, ['Event', 'DialEnd'], ['Channel', 'PJSIP/trunk-00000010'], ['DestChannel', 'PJSIP/201-00000011'], ['DialStatus', 'CANCEL']),
    ev(4, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000011'], ['Linkedid', L]),
    ev(30, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000012'], ['Linkedid', L]),
    ev(30, ['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000010'], ['Linkedid', L]),
  ]);
  assert.deepEqual(live, ['ringing 201', 'answered 201', 'left 201', 'ended ']);
  assert.deepEqual(rows.map((r) => `${r.line ?? '-'} #${String(r.participation)} ${r.type} rang ${String(r.ringSeconds)} s talked ${String(r.talkSeconds)} s`), ['201 #1 received rang 4 s talked 26 s']);
});

test('nobody picks up on either device: one pop-up, one missed row for the line', () => {
  const { rows, live } = run([
    ...ringing,
    ev(20, ['Event', 'DialEnd'], ['Channel', 'PJSIP/trunk-00000010'], ['DestChannel', 'PJSIP/201-00000011'], ['DialStatus', 'CANCEL']),
    ev(20, ['Event', 'DialEnd'], ['Channel', 'PJSIP/trunk-00000010'], ['DestChannel', 'PJSIP/201-00000012'], ['DialStatus', 'CANCEL']),
    ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000011'], ['Linkedid', L]),
    ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/201-00000012'], ['Linkedid', L]),
    ev(20, ['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000010'], ['Linkedid', L]),
  ]);
  assert.deepEqual(live, ['ringing 201', 'left 201', 'ended ']);
  assert.deepEqual(rows.map((r) => `${r.line ?? '-'} #${String(r.participation)} ${r.type} rang ${String(r.ringSeconds)} s ${r.callerNumber}`), ['201 #1 missed rang 20 s +420602111222']);
});
