import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackerConfig, traceEvents } from '../testing/trackerFixtures.js';
import { CallTracker, type TrackerEvent } from './callTracker.js';

// Expected events are written from each trace's .md ("What the phones did" / "What Asterisk reported").
const config = trackerConfig();

function live(name: string): { events: TrackerEvent[]; start: number } {
  const trace = traceEvents(name);
  const tracker = new CallTracker(config);
  const events = trace.flatMap((e) => tracker.handle(e.event, e.at).live);
  return { events, start: trace[0]?.at.getTime() ?? 0 };
}

const brief = (e: TrackerEvent): string =>
  e.kind === 'ringing' ? `ringing ${e.line} ${e.direction} ${e.callerNumber}→${e.calledNumber}${e.internal ? ' internal' : ''}`
  : e.kind === 'ended' ? `ended ${e.lines.join(',')}`
  : `${e.kind} ${e.line}`;

test('ring-all queue: every agent rings once; when 202 answers the others leave, and the end is 202s', () => {
  const { events, start } = live('queue-answered');
  assert.deepEqual(events.map(brief), [
    'ringing 201 inbound +420601234567→+420224000200',
    'ringing 202 inbound +420601234567→+420224000200',
    'ringing 203 inbound +420601234567→+420224000200',
    'answered 202',
    'left 201',
    'left 203',
    'ended 202',
  ]);
  // The .md (relative to the banner): ringing at 0.33 s, answer at 3.34 s, over at 7.38 s.
  const at = (i: number): number => ((events[i]?.at.getTime() ?? 0) - start) / 1000;
  assert.ok(Math.abs(at(0) - 0.33) < 0.05 && Math.abs(at(3) - 3.34) < 0.05 && Math.abs(at(6) - 7.38) < 0.1, `times ${String(at(0))}, ${String(at(3))}, ${String(at(6))}`);
  assert.ok(events.every((e) => e.callId === events[0]?.callId && e.exchangeId === 1), 'one call, one id');
});

test('blind transfer: the pop-up follows the caller from 201 to 203', () => {
  assert.deepEqual(live('blind-transfer').events.map(brief), [
    'ringing 201 inbound +420601234567→+420224000100',
    'answered 201',
    'left 201',
    'ringing 203 inbound +420601234567→+420224000100',
    'answered 203',
    // "10.42s PJSIP/203-00000019 hung up", then the trunk: 203 leaves, and the call ends with no line left in it.
    'left 203',
    'ended ',
  ]);
});

test('a caller who gives up, and a line that rejects: the line rang and left, nothing was answered', () => {
  assert.deepEqual(live('inbound-missed').events.map(brief), ['ringing 201 inbound +420601234568→+420224000100', 'left 201', 'ended ']);
  assert.deepEqual(live('inbound-busy-or-rejected').events.map(brief), ['ringing 201 inbound +420601234567→+420224000100', 'left 201', 'ended ']);
});

test('internal call: the caller line dials, the called line rings with the caller line as the other party', () => {
  const { events } = live('internal');
  assert.deepEqual(events.map(brief), [
    'ringing 201 outbound 201→203 internal',
    'ringing 203 inbound 201→203 internal',
    'answered 203',
    'answered 201',
    // 201 hung up first, but Asterisk reports 203's channel gone first ("5.37s PJSIP/203-0000000b hung up", then 201).
    'left 203',
    'ended 201',
  ]);
  const ringing = events.filter((e) => e.kind === 'ringing');
  assert.deepEqual(ringing.map((e) => [e.line, e.otherLine, e.remoteNumber]), [['201', '203', null], ['203', '201', null]]);
});

test('click-to-dial: the line\'s own phone ringing is no pop-up; the dialled number ringing is, in E.164', () => {
  // "8.40s PJSIP/201-0000001d hung up", "8.41s PJSIP/trunk-0000001e hung up".
  const { events, start } = live('click-to-dial');
  assert.deepEqual(events.map(brief), ['ringing 201 outbound 201→+420777888999', 'answered 201', 'left 201', 'ended ']);
  const first = events[0];
  assert.ok(first?.kind === 'ringing' && first.remoteNumber === '+420777888999');
  // "2.35s PSTN destination is ringing", "4.36s PSTN destination answers".
  assert.ok(Math.abs((first.at.getTime() - start) / 1000 - 2.35) < 0.1);
  assert.ok(Math.abs(((events[1]?.at.getTime() ?? 0) - start) / 1000 - 4.36) < 0.1);
});

test('outbound call, answered and not: the line dials the E.164 number, and leaves or ends', () => {
  // "7.37s PJSIP/202-00000006 hung up", then the trunk.
  assert.deepEqual(live('outbound-answered').events.map(brief), ['ringing 202 outbound 202→+420777888999', 'answered 202', 'left 202', 'ended ']);
  // Dialled as 00420777888999; "8.31s PJSIP/trunk-00000009 hung up … never answered", then 202.
  assert.deepEqual(live('outbound-unanswered').events.map(brief), ['ringing 202 outbound 202→+420777888999', 'ended 202']);
});
