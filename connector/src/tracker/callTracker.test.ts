import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AmiEvent, AmiField } from '../ami/codec/amiMessage.js';
import { trackerConfig, traceEvents } from '../testing/trackerFixtures.js';
import { CallTracker, type TrackedRow } from './callTracker.js';

const config = trackerConfig();

const events = (name: string): AmiEvent[] => traceEvents(name).map((e) => e.event);

function feed(tracker: CallTracker, list: readonly AmiEvent[]): TrackedRow[] {
  // Received on the day the traces were recorded (a Timestamp a week off the time of receipt is not believed).
  return list.flatMap((e) => tracker.handle(e, new Date('2026-11-22T02:30:00.000Z')).rows);
}

const event = (...fields: AmiField[]): AmiEvent => ({ kind: 'event', event: fields[0]?.[1] ?? '', fields });

test('a call already written ignores late and repeated events: they never write it again', () => {
  const tracker = new CallTracker(config);
  const call = events('inbound-answered');
  assert.equal(feed(tracker, call).length, 1);
  assert.deepEqual(feed(tracker, call), [], 'the same events again');
  assert.equal(tracker.liveCalls, 0);
});

test('an outside call that no line ever took part in is one missed row without a line', () => {
  const tracker = new CallTracker(config);
  const rows = feed(tracker, [
    event(['Event', 'Newchannel'], ['Timestamp', '1795314300.000000'], ['Channel', 'PJSIP/trunk-00000040'], ['CallerIDNum', '+420603333444'], ['Exten', '224000200'], ['Uniqueid', '1795314300.64'], ['Linkedid', '1795314300.64']),
    event(['Event', 'QueueCallerJoin'], ['Timestamp', '1795314300.100000'], ['Channel', 'PJSIP/trunk-00000040'], ['Queue', 'sales']),
    event(['Event', 'QueueCallerAbandon'], ['Timestamp', '1795314320.000000'], ['Channel', 'PJSIP/trunk-00000040'], ['Queue', 'sales']),
    event(['Event', 'Hangup'], ['Timestamp', '1795314320.100000'], ['Channel', 'PJSIP/trunk-00000040'], ['Linkedid', '1795314300.64']),
  ]);
  assert.equal(rows.length, 1);
  const [row] = rows;
  assert.ok(row);
  assert.deepEqual(
    { line: row.line, type: row.type, caller: row.callerNumber, called: row.calledNumber, ring: row.ringSeconds, talk: row.talkSeconds, user: row.user },
    { line: null, type: 'missed', caller: '+420603333444', called: '+420224000200', ring: 20.1, talk: 0, user: null },
  );
});

test('time comes from the event Timestamp, else from when it was received', () => {
  const tracker = new CallTracker(config);
  const received = new Date('2026-11-22T10:00:00.000Z');
  const rows = [
    event(['Event', 'Newchannel'], ['Channel', 'PJSIP/trunk-00000041'], ['CallerIDNum', '601234568'], ['Exten', '224000100'], ['Uniqueid', '9.1'], ['Linkedid', '9.1']),
    event(['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000041'], ['Linkedid', '9.1']),
  ].flatMap((e, i) => tracker.handle(e, new Date(received.getTime() + i * 5_000)).rows);
  assert.equal(rows[0]?.start.toISOString(), '2026-11-22T10:00:00.000Z');
  assert.equal(rows[0].end.toISOString(), '2026-11-22T10:00:05.000Z');
  assert.equal(rows[0].callerNumber, '+420601234568', 'a national caller id is read in the exchange country');
});
