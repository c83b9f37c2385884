import { test } from 'node:test';
import assert from 'node:assert/strict';
import { field, fieldAll, type AmiMessage } from './amiMessage.js';
import { AmiFrameDecoder, type DecodedItem } from './frameDecoder.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

function decodeAll(chunks: readonly Buffer[], options?: { maxFrameBytes?: number }): DecodedItem[] {
  const decoder = new AmiFrameDecoder(options);
  return chunks.flatMap((c) => decoder.push(c));
}

function messages(items: readonly DecodedItem[]): AmiMessage[] {
  return items.flatMap((i) => (i.kind === 'message' ? [i.message] : []));
}

const STREAM =
  'Asterisk Call Manager/11.0.0\r\n' +
  'Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n' +
  'Response: Success\r\nActionID: cc-1\r\nMessage: Authentication accepted\r\n\r\n' +
  'Event: Newchannel\r\nChannel: PJSIP/trunk-00000000\r\nCallerIDNum: +420601234567\r\nCallerIDName: Jan Novák\r\n' +
  'ChanVariable: LAB_CALLTYPE=\r\nChanVariable: LAB_DID=224000100\r\nChanVariable: CALLERID(name)=Jan Novák\r\n' +
  'AppData: Playback: hello: world\r\n\r\n';

test('banner, an event right after it, a response, repeated keys and values holding ": " are all read', () => {
  const [banner, booted, response, newchannel, ...rest] = messages(decodeAll([bytes(STREAM)]));
  assert.deepEqual(rest, []);
  assert.deepEqual(banner, { kind: 'banner', text: 'Asterisk Call Manager/11.0.0', version: '11.0.0' });
  assert.equal(booted?.kind === 'event' && booted.event, 'FullyBooted');
  assert.deepEqual(response, {
    kind: 'response', response: 'Success', actionId: 'cc-1', body: undefined,
    fields: [['Response', 'Success'], ['ActionID', 'cc-1'], ['Message', 'Authentication accepted']],
  });
  assert.ok(newchannel?.kind === 'event');
  assert.deepEqual(fieldAll(newchannel, 'ChanVariable'), ['LAB_CALLTYPE=', 'LAB_DID=224000100', 'CALLERID(name)=Jan Novák']);
  assert.equal(field(newchannel, 'callerIDname'), 'Jan Novák', 'keys are case-insensitive, UTF-8 kept');
  assert.equal(field(newchannel, 'AppData'), 'Playback: hello: world');
});

test('a stream cut into two chunks at every byte offset decodes to the same messages', () => {
  const whole = bytes(STREAM);
  const expected = messages(decodeAll([whole]));
  for (let cut = 0; cut <= whole.length; cut++) {
    assert.deepEqual(messages(decodeAll([whole.subarray(0, cut), whole.subarray(cut)])), expected, `cut at byte ${cut}`);
  }
});

test('a stream fed one byte at a time decodes to the same messages (even inside a UTF-8 character)', () => {
  const whole = bytes(STREAM);
  const chunks = Array.from({ length: whole.length }, (_, i) => whole.subarray(i, i + 1));
  assert.deepEqual(messages(decodeAll(chunks)), messages(decodeAll([whole])));
});

test('CRLF and stray LF line ends mix freely', () => {
  const decoded = messages(decodeAll([bytes('Event: Hangup\nChannel: PJSIP/201-00000001\r\nCause: 16\n\r\nEvent: Ping\n\n')]));
  assert.deepEqual(decoded.map((m) => (m.kind === 'event' ? [m.event, m.fields.length] : m.kind)), [['Hangup', 3], ['Ping', 1]]);
});

test('an empty value and a value without a space after the colon are kept', () => {
  const [event] = messages(decodeAll([bytes('Event: VarSet\r\nValue:\r\nAccountCode: \r\nExten:s\r\n\r\n')]));
  assert.ok(event?.kind === 'event');
  assert.deepEqual(event.fields, [['Event', 'VarSet'], ['Value', ''], ['AccountCode', ''], ['Exten', 's']]);
});

test('Response: Follows keeps its raw output, blank lines and colons included, up to --END COMMAND--', () => {
  const text =
    'Response: Follows\r\nPrivilege: Command\r\nActionID: cc-7\r\n' +
    'Channel              Location\nPJSIP/201-00000001   s@from-internal:1\n\nUptime: 5 days\n--END COMMAND--\r\n\r\n' +
    'Event: Ping\r\n\r\n';
  const decoded = messages(decodeAll([bytes(text)]));
  assert.equal(decoded.length, 2);
  const [follows] = decoded;
  assert.ok(follows?.kind === 'response');
  assert.equal(follows.response, 'Follows');
  assert.equal(follows.actionId, 'cc-7');
  assert.equal(follows.body, 'Channel              Location\nPJSIP/201-00000001   s@from-internal:1\n\nUptime: 5 days');
  // Cut everywhere, the same.
  const whole = bytes(text);
  for (let cut = 0; cut <= whole.length; cut++) {
    assert.deepEqual(messages(decodeAll([whole.subarray(0, cut), whole.subarray(cut)])), decoded, `cut at ${cut}`);
  }
});

test('a line without a colon is counted and skipped; the frame and the stream go on', () => {
  const decoder = new AmiFrameDecoder({ expectBanner: false });
  const items = decoder.push(bytes('Event: Newstate\r\nthis line is broken\r\nChannel: PJSIP/202-00000002\r\n\r\nEvent: Ping\r\n\r\n'));
  assert.deepEqual(items.filter((i) => i.kind === 'problem'), [{ kind: 'problem', problem: { reason: 'line-without-colon', sample: 'this line is broken' } }]);
  assert.deepEqual(messages(items).map((m) => m.kind === 'event' && m.fields.length), [2, 1]);
  assert.deepEqual(decoder.stats, { messages: 2, problems: 1 });
});

test('a frame over the size limit is skipped whole, with one problem; the next frame is read', () => {
  const huge = `Event: VarSet\r\nValue: ${'x'.repeat(2_000)}\r\nMore: y\r\n\r\nEvent: Ping\r\n\r\n`;
  const items = decodeAll([bytes(huge)], { maxFrameBytes: 1_000 });
  assert.deepEqual(items.map((i) => (i.kind === 'problem' ? i.problem.reason : i.message.kind)), ['frame-too-large', 'event']);
});

test('binary garbage is reported and skipped, without a line end too; what follows it is read', () => {
  const garbage = Buffer.from(Array.from({ length: 5_000 }, (_, i) => (i * 37 + 11) % 256).filter((b) => b !== 0x0a));
  const items = decodeAll([garbage, bytes('\r\n\r\nEvent: Ping\r\n\r\n')], { maxFrameBytes: 1_000 });
  assert.ok(items.some((i) => i.kind === 'problem'));
  const last = messages(items).at(-1);
  assert.ok(last?.kind === 'event' && last.event === 'Ping');
  const noisy = decodeAll([bytes('\x00\x01\x02\xff garbage\r\n\x7f: \r\n\r\nEvent: Ping\r\n\r\n')]);
  assert.deepEqual(noisy.map((i) => (i.kind === 'problem' ? i.problem.reason : i.message.kind)), ['line-without-colon', 'event']);
  assert.ok(noisy[0]?.kind === 'problem' && /^[\x20-\x7e]*$/.test(noisy[0].problem.sample), 'the sample is printable');
});

test('a lone CR inside a header is malformed, never a value', () => {
  const items = decodeAll([bytes('Asterisk Call Manager/11.0.0\r\nAction: Ping\r\nActionID: a\rb\r\n\r\n')]);
  const [, problem, action] = items;
  assert.equal(problem?.kind === 'problem' && problem.problem.reason, 'line-without-colon');
  assert.ok(action?.kind === 'message' && action.message.kind === 'action');
  assert.deepEqual(action.message.fields, [['Action', 'Ping']]);
});

test('input without line ends holds no more than the size limit, however long it goes on', () => {
  const decoder = new AmiFrameDecoder({ maxFrameBytes: 1_000 });
  const chunk = Buffer.alloc(4_096, 0x41);
  let problems = 0;
  for (let i = 0; i < 2_000; i++) problems += decoder.push(chunk).filter((x) => x.kind === 'problem').length;
  assert.equal(problems, 1, 'one frame, one problem');
  assert.ok((decoder as unknown as { pending: Buffer }).pending.length <= 1_000, 'nothing of the skipped input is kept');
  const after = decoder.push(bytes('\r\n\r\nEvent: Ping\r\n\r\n'));
  assert.ok(after.some((x) => x.kind === 'message' && x.message.kind === 'event'));
});

test('a Response: Follows body counts against the size limit', () => {
  const decoder = new AmiFrameDecoder({ maxFrameBytes: 1_000, expectBanner: false });
  const items = decoder.push(bytes(`Response: Follows\r\nPrivilege: Command\r\n${'output line\n'.repeat(500)}--END COMMAND--\r\n\r\nEvent: Ping\r\n\r\n`));
  assert.deepEqual(items.map((i) => (i.kind === 'problem' ? i.problem.reason : i.message.kind)), ['frame-too-large', 'event']);
});

test('a frame that is neither an event nor a response is a problem, not a message', () => {
  const items = decodeAll([bytes('Asterisk Call Manager/11.0.0\r\nFoo: bar\r\n\r\n')]);
  assert.deepEqual(items.map((i) => (i.kind === 'problem' ? i.problem.reason : i.message.kind)), ['banner', 'frame-without-type']);
});

test('without a banner the first line is read as a header', () => {
  assert.deepEqual(messages(decodeAll([bytes('Event: Ping\r\n\r\n')])).map((m) => m.kind), ['event']);
});
