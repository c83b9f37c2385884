import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAction, encodeFields, encodeMessage } from './frameEncoder.js';
import { AmiFrameDecoder } from './frameDecoder.js';

test('an action is Action, ActionID and its arguments, CRLF, ended by a blank line', () => {
  assert.equal(
    encodeAction('Originate', 'cc-42', [['Channel', 'PJSIP/201'], ['Variable', 'A=1'], ['Variable', 'B=2']]),
    'Action: Originate\r\nActionID: cc-42\r\nChannel: PJSIP/201\r\nVariable: A=1\r\nVariable: B=2\r\n\r\n',
  );
});

test('a line break in a value is refused, so that a value cannot smuggle in a header', () => {
  assert.throws(() => encodeAction('Originate', 'cc-1', [['Exten', '0777888999\r\nAction: Command']]), /Exten must not contain a line break/);
  assert.throws(() => encodeFields([['Bad Key', 'x']]), /header name 'Bad Key' is not allowed/);
});

test('what the encoder writes, the decoder reads back unchanged, Follows bodies included', () => {
  const decoder = new AmiFrameDecoder();
  const follows = { kind: 'response', response: 'Follows', actionId: 'x', body: 'line 1\n\nline: 3', fields: [['Response', 'Follows'], ['ActionID', 'x']] } as const;
  const event = { kind: 'event', event: 'Hangup', fields: [['Event', 'Hangup'], ['Cause-txt', 'Normal Clearing']] } as const;
  const banner = { kind: 'banner', text: 'Asterisk Call Manager/11.0.0', version: '11.0.0' } as const;
  const text = [banner, event, follows].map((m) => encodeMessage(m)).join('');
  assert.deepEqual(decoder.push(Buffer.from(text)).map((i) => (i.kind === 'message' ? i.message : i)), [banner, event, follows]);
});
