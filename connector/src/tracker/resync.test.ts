import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AmiEvent, AmiField } from '../ami/codec/amiMessage.js';
import { trackerConfig, traceEvents } from '../testing/trackerFixtures.js';
import { CallTracker, type TrackedRow, type TrackerEvent } from './callTracker.js';
import type { TrackerSnapshot } from './trackerState.js';

// inbound-answered.md: +420601234567 calls 224000100, 201 rings 3.0 s, answers, talks 4.0 s, the caller hangs up.
const config = trackerConfig();

interface Timed { readonly event: AmiEvent; readonly at: Date }

const trace = (name: string): Timed[] => traceEvents(name);

/** Feeds events, keeping the exchange "seen whole" as each arrives (as the recorder does once synced). */
function feed(tracker: CallTracker, events: readonly Timed[]): { rows: TrackedRow[]; live: TrackerEvent[] } {
  const rows: TrackedRow[] = [];
  const live: TrackerEvent[] = [];
  for (const { event, at } of events) {
    const step = tracker.handle(event, at);
    tracker.alive(at);
    rows.push(...step.rows);
    live.push(...step.live);
  }
  return { rows, live };
}

const indexOf = (events: readonly Timed[], name: string, pick: (e: AmiEvent) => boolean = () => true): number => {
  const i = events.findIndex((e) => e.event.event === name && pick(e.event));
  assert.ok(i >= 0, `no ${name}`);
  return i;
};
const fieldOf = (e: AmiEvent, key: string): string | undefined => e.fields.find(([k]) => k === key)?.[1];
/** A snapshot as it comes back from the file: through JSON. */
const throughDisk = (snapshot: TrackerSnapshot): TrackerSnapshot => JSON.parse(JSON.stringify(snapshot)) as TrackerSnapshot;

function coreShowChannel(fields: Record<string, string>): AmiEvent {
  const list: AmiField[] = [['Event', 'CoreShowChannel'], ...Object.entries(fields)];
  return { kind: 'event', event: 'CoreShowChannel', fields: list };
}

test('a tracker restored from its snapshot mid-call writes the same rows as one that never stopped', () => {
  const events = trace('inbound-answered');
  const whole = feed(new CallTracker(config), events).rows;
  const cut = indexOf(events, 'DialEnd');
  const before = new CallTracker(config);
  feed(before, events.slice(0, cut));
  assert.equal(before.liveCalls, 1);
  const after = CallTracker.restore(config, throughDisk(before.snapshot()));
  const rest = feed(after, events.slice(cut));
  assert.deepEqual(rest.rows, whole);
  assert.deepEqual(rest.live.map((e) => e.kind), ['answered', 'left', 'ended'], 'the ringing line is known after the restore');
});

test('a call that ended while the connector was away is written once, its end estimated at the last moment seen', () => {
  const events = trace('inbound-answered');
  const answered = indexOf(events, 'DialEnd');
  const before = new CallTracker(config);
  feed(before, events.slice(0, answered + 1));
  const lastSeen = events[answered]?.at ?? new Date(0);
  const restored = CallTracker.restore(config, throughDisk(before.snapshot()));
  const ticket = restored.beginResync();
  const back = new Date(lastSeen.getTime() + 60_000);
  const step = restored.resync(ticket, [], back); // CoreShowChannels lists nothing: everything ended unseen
  assert.equal(step.rows.length, 1);
  const [row] = step.rows;
  assert.ok(row);
  assert.deepEqual(
    { line: row.line, type: row.type, estimated: row.endEstimated, end: row.end.toISOString(), caller: row.callerNumber },
    { line: '201', type: 'received', estimated: true, end: lastSeen.toISOString(), caller: '+420601234567' },
  );
  assert.ok(Math.abs(row.ringSeconds - 3) < 0.05, `rang 3.0 s, not ${String(row.ringSeconds)}`);
  assert.ok(row.talkSeconds < 0.05, 'seen answered and no more: the talk is not invented');
  assert.deepEqual(step.live.map((e) => e.kind), ['ended']);
  assert.equal(restored.liveCalls, 0);
  assert.deepEqual(feed(restored, events.slice(answered + 1)).rows, [], 'the late hang-up events write nothing again');
});

test('a line that answered while the connector was away is answered; the real hang-up ends the call exactly', () => {
  const events = trace('inbound-answered');
  const ringing = indexOf(events, 'DialBegin');
  const tracker = new CallTracker(config);
  feed(tracker, events.slice(0, ringing + 1));
  const begin = tracker.snapshot().calls[0];
  assert.ok(begin);
  const trunk = begin.channels.find((c) => c.line === null)?.name ?? '';
  const line = begin.channels.find((c) => c.line === '201')?.name ?? '';
  const gapEnd = new Date((events[ringing]?.at.getTime() ?? 0) + 1_500);
  const ticket = tracker.beginResync();
  const step = tracker.resync(ticket, [
    coreShowChannel({ Channel: trunk, ChannelState: '6', Linkedid: begin.id, Duration: '00:00:01', BridgeId: 'b1' }),
    coreShowChannel({ Channel: line, ChannelState: '6', Linkedid: begin.id, Duration: '00:00:01', BridgeId: 'b1' }),
  ], gapEnd);
  assert.deepEqual(step.live.map((e) => `${e.kind} ${e.kind === 'ended' ? '' : e.line}`), ['answered 201']);
  const hangups = events.slice(indexOf(events, 'DialEnd') + 1);
  const { rows } = feed(tracker, hangups);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.type, 'received');
  assert.equal(rows[0].endEstimated, false, 'the end came with the events');
  const lineHangup = hangups.find((e) => e.event.event === 'Hangup' && fieldOf(e.event, 'Channel') === line);
  assert.ok(lineHangup);
  assert.equal(rows[0].end.getTime(), Math.round(Number(fieldOf(lineHangup.event, 'Timestamp')) * 1000), "201's hang-up");
  // Answered some time in the gap: counted from the last moment seen (ringing), so talk is the 3.0 s ring and 4.0 s talk.
  assert.ok(Math.abs(rows[0].talkSeconds - 7) < 0.1, `talk ${String(rows[0].talkSeconds)}`);
});

test('a call already up when the connector started is rebuilt from CoreShowChannels and written when it ends', () => {
  const tracker = new CallTracker(config);
  const now = new Date('2026-11-22T10:00:30.000Z');
  const ticket = tracker.beginResync();
  const step = tracker.resync(ticket, [
    coreShowChannel({ Channel: 'PJSIP/trunk-00000090', ChannelState: '6', CallerIDNum: '601234568', Exten: '224000100', Uniqueid: '77.1', Linkedid: '77.1', Duration: '00:00:30' }),
    coreShowChannel({ Channel: 'PJSIP/202-00000091', ChannelState: '6', CallerIDNum: '202', Exten: 's', Uniqueid: '77.2', Linkedid: '77.1', Duration: '00:00:25' }),
  ], now);
  assert.deepEqual(step.rows, []);
  assert.deepEqual(step.live.map((e) => (e.kind === 'ringing' ? `ringing ${e.line} ${e.callerNumber}` : e.kind)), ['ringing 202 +420601234568', 'answered'], 'the pop-up resumes');
  const end = new Date('2026-11-22T10:01:00.000Z');
  const rows = [
    tracker.handle({ kind: 'event', event: 'Hangup', fields: [['Event', 'Hangup'], ['Channel', 'PJSIP/202-00000091']] }, end),
    tracker.handle({ kind: 'event', event: 'Hangup', fields: [['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-00000090']] }, end),
  ].flatMap((s) => s.rows);
  assert.equal(rows.length, 1);
  const [row] = rows;
  assert.ok(row);
  assert.deepEqual(
    { line: row.line, type: row.type, caller: row.callerNumber, called: row.calledNumber, start: row.start.toISOString(), talk: row.talkSeconds, estimated: row.endEstimated },
    { line: '202', type: 'received', caller: '+420601234568', called: '+420224000100', start: '2026-11-22T10:00:05.000Z', talk: 55, estimated: false },
  );
});

test('what happens while CoreShowChannels is on its way is not undone by its answer', () => {
  const events = trace('inbound-answered');
  const tracker = new CallTracker(config);
  const ticket = tracker.beginResync();
  // A call begins after the question went out (not in the list), and an unknown channel hangs up meanwhile.
  feed(tracker, events.slice(0, indexOf(events, 'DialBegin') + 1));
  tracker.handle({ kind: 'event', event: 'Hangup', fields: [['Event', 'Hangup'], ['Channel', 'PJSIP/203-000000aa']] }, new Date());
  const step = tracker.resync(ticket, [coreShowChannel({ Channel: 'PJSIP/203-000000aa', ChannelState: '6', Linkedid: '88.1', Duration: '00:00:09' })], new Date());
  assert.deepEqual(step, { rows: [], live: [] });
  assert.equal(tracker.liveCalls, 1, 'the new call lives on; the channel that hung up is not rebuilt');
  assert.equal(feed(tracker, events.slice(indexOf(events, 'DialBegin') + 1)).rows.length, 1);
});

test('a ringing line that is gone after the gap, while a colleague now talks, is no missed call', () => {
  const events = trace('queue-answered');
  const tracker = new CallTracker(config);
  feed(tracker, events.slice(0, indexOf(events, 'DialEnd')));
  const call = tracker.snapshot().calls[0];
  assert.ok(call);
  const name = (line: string | null): string => call.channels.find((c) => c.line === line)?.name ?? '';
  const ticket = tracker.beginResync();
  tracker.resync(ticket, [
    coreShowChannel({ Channel: name(null), ChannelState: '6', Linkedid: call.id, Duration: '00:00:05' }),
    coreShowChannel({ Channel: name('202'), ChannelState: '6', Linkedid: call.id, Duration: '00:00:05' }),
  ], new Date());
  const rows = feed(tracker, events.filter((e) => e.event.event === 'Hangup' && /trunk|202/.test(fieldOf(e.event, 'Channel') ?? ''))).rows;
  assert.deepEqual(rows.map((r) => `${r.line ?? '-'} ${r.type}`), ['202 received']);
});

test('a damaged snapshot is refused by shape', async () => {
  const { isTrackerSnapshot } = await import('./trackerState.js');
  assert.equal(isTrackerSnapshot({ version: 1, aliveAt: null, finished: [], calls: [] }), true);
  assert.equal(isTrackerSnapshot({ version: 2, aliveAt: null, finished: [], calls: [] }), false, 'an unknown version');
  assert.equal(isTrackerSnapshot({ version: 1, aliveAt: null, finished: [], calls: [{ id: 5 }] }), false, 'a call without channels');
  assert.equal(isTrackerSnapshot(null), false);
});

test('an outgoing call whose remote party was reached while the connector was away stays one outgoing row', () => {
  // outbound-answered.md: 202 dials 0777888999, the remote party rings 2.0 s and answers, they talk 5.0 s, 202 hangs up.
  const events = trace('outbound-answered');
  const remoteBegins = indexOf(events, 'Newchannel', (e) => /trunk/.test(fieldOf(e, 'Channel') ?? ''));
  const tracker = new CallTracker(config);
  feed(tracker, events.slice(0, remoteBegins));
  const remote = events[remoteBegins]?.event;
  assert.ok(remote);
  const call = tracker.snapshot().calls[0];
  assert.ok(call);
  const line = call.channels[0]?.name ?? '';
  const ticket = tracker.beginResync();
  tracker.resync(ticket, [
    coreShowChannel({ Channel: line, ChannelState: '6', Uniqueid: call.id, Linkedid: call.id, Exten: '0777888999', Duration: '00:00:04' }),
    coreShowChannel({ Channel: fieldOf(remote, 'Channel') ?? '', ChannelState: '6', Uniqueid: fieldOf(remote, 'Uniqueid') ?? '', Linkedid: call.id, Duration: '00:00:03' }),
  ], new Date((events[remoteBegins]?.at.getTime() ?? 0) + 3_000));
  const rows = feed(tracker, events.slice(remoteBegins).filter((e) => e.event.event === 'Hangup')).rows;
  assert.deepEqual(rows.map((r) => `${r.line ?? '-'} ${r.type} ${r.callerNumber}→${r.calledNumber}`), ['202 outgoing 202→+420777888999']);
  assert.ok((rows[0]?.talkSeconds ?? 0) > 0, 'the remote party answered');
});

test('a caller found waiting in a queue who gives up is one missed row without a line; one found elsewhere is not made up', () => {
  const rowsFor = (application: string): readonly TrackedRow[] => {
    const tracker = new CallTracker(config);
    const now = new Date('2026-11-22T10:00:10.000Z');
    tracker.resync(tracker.beginResync(), [
      coreShowChannel({ Channel: 'PJSIP/trunk-000000a0', ChannelState: '6', CallerIDNum: '+420603333444', Exten: '224000200', Uniqueid: '99.1', Linkedid: '99.1', Application: application, Duration: '00:00:10' }),
    ], now);
    return tracker.handle({ kind: 'event', event: 'Hangup', fields: [['Event', 'Hangup'], ['Channel', 'PJSIP/trunk-000000a0']] }, new Date('2026-11-22T10:00:20.000Z')).rows;
  };
  assert.deepEqual(rowsFor('Queue').map((r) => `${r.line ?? '-'} ${r.type} ${r.callerNumber} rang ${String(r.ringSeconds)} s`), ['- missed +420603333444 rang 20 s']);
  // After Busy() or a survey, a line may well have had the call while the connector was away: no row is invented.
  assert.deepEqual(rowsFor('Playback'), []);
});

test('a call whose DialBegin never came (lost while the PBX set up its filters) is repaired by the resync', () => {
  const events = trace('inbound-answered');
  const dial = indexOf(events, 'DialBegin');
  const tracker = new CallTracker(config);
  feed(tracker, events.slice(0, dial)); // the channels are known, the dial is not
  const call = tracker.snapshot().calls[0];
  assert.ok(call);
  const name = (line: string | null): string => call.channels.find((c) => c.line === line)?.name ?? '';
  const trunkId = call.channels.find((c) => c.line === null)?.uniqueid ?? '';
  const step = tracker.resync(tracker.beginResync(), [
    coreShowChannel({ Channel: name(null), ChannelState: '6', Uniqueid: trunkId, Linkedid: call.id, Duration: '00:00:01' }),
    coreShowChannel({ Channel: name('201'), ChannelState: '5', Linkedid: call.id, Duration: '00:00:01' }),
  ], events[dial]?.at ?? new Date());
  assert.deepEqual(step.live.map((e) => `${e.kind} ${e.kind === 'ended' ? '' : e.line}`), ['ringing 201']);
  const rows = feed(tracker, events.slice(dial + 1)).rows;
  assert.deepEqual(rows.map((r) => `${r.line ?? '-'} ${r.type} ${r.callerNumber}`), ['201 received +420601234567']);
});

test('a line kept for its connected user stays kept across a restart, and its rows say so', () => {
  const events = trace('inbound-answered');
  const answered = indexOf(events, 'DialEnd');
  const before = new CallTracker(config);
  feed(before, events.slice(0, answered + 1));
  const callId = before.snapshot().calls[0]?.id ?? '';
  assert.equal(before.keepLine('201', callId), true);
  assert.equal(before.keepLine('201', callId), false, 'once is enough');
  assert.equal(before.keepLine('202'), false, 'a line not in any live call keeps nothing');
  const after = CallTracker.restore(config, throughDisk(before.snapshot()));
  const rows = feed(after, events.slice(answered + 1)).rows;
  assert.deepEqual(rows.map((r) => `${r.line ?? '-'} kept ${String(r.kept)}`), ['201 kept true']);
});

test('a PBX clock ahead of the connector\'s never makes an estimated end come before the call\'s start', () => {
  const events = trace('inbound-answered');
  const answered = indexOf(events, 'DialEnd');
  const tracker = new CallTracker(config);
  for (const { event, at } of events.slice(0, answered + 1)) {
    const received = new Date(at.getTime() - 300_000); // the PBX is five minutes ahead
    tracker.handle(event, received);
    tracker.alive(received);
  }
  const step = tracker.resync(tracker.beginResync(), [], new Date((events[answered]?.at.getTime() ?? 0) - 240_000));
  assert.equal(step.rows.length, 1);
  const [row] = step.rows;
  assert.ok(row && row.end >= row.start && row.endEstimated, `${String(row?.start.toISOString())} – ${String(row?.end.toISOString())}`);
});

test('a ring-all queue found ringing at a resync, answered before the answer came: no missed rows for the colleagues', () => {
  // The DialEnds came before the CoreShowChannels answer, while the channels were still unknown; the answer then
  // showed the agent who took it up and the others still ringing. Their hang-ups follow.
  const tracker = new CallTracker(config);
  const now = new Date('2026-11-22T10:00:05.000Z');
  const Q = '55.1';
  tracker.resync(tracker.beginResync(), [
    coreShowChannel({ Channel: 'PJSIP/trunk-000000b0', ChannelState: '6', CallerIDNum: '+420601234567', Exten: '224000200', Uniqueid: Q, Linkedid: Q, Application: 'Queue', Duration: '00:00:05' }),
    coreShowChannel({ Channel: 'PJSIP/201-000000b1', ChannelState: '5', Uniqueid: '55.2', Linkedid: Q, Duration: '00:00:04' }),
    coreShowChannel({ Channel: 'PJSIP/202-000000b2', ChannelState: '6', Uniqueid: '55.3', Linkedid: Q, Duration: '00:00:04' }),
    coreShowChannel({ Channel: 'PJSIP/203-000000b3', ChannelState: '5', Uniqueid: '55.4', Linkedid: Q, Duration: '00:00:04' }),
  ], now);
  const hangup = (channel: string, at: string): readonly TrackedRow[] => tracker.handle({ kind: 'event', event: 'Hangup', fields: [['Event', 'Hangup'], ['Channel', channel]] }, new Date(at)).rows;
  const rows = [
    ...hangup('PJSIP/201-000000b1', '2026-11-22T10:00:05.010Z'),
    ...hangup('PJSIP/203-000000b3', '2026-11-22T10:00:05.010Z'),
    ...hangup('PJSIP/202-000000b2', '2026-11-22T10:00:40.000Z'),
    ...hangup('PJSIP/trunk-000000b0', '2026-11-22T10:00:40.000Z'),
  ];
  assert.deepEqual(rows.map((r) => `${r.line ?? '-'} ${r.type}`), ['202 received']);
});
