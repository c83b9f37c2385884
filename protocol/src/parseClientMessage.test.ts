import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClientMessage } from './parseClientMessage.js';
import { MAX_CLIENT_FRAME_BYTES } from './deskMessages.js';

const parse = (value: unknown): ReturnType<typeof parseClientMessage> => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return parseClientMessage(text, Buffer.byteLength(text));
};

const codeOf = (value: unknown): string => {
  const result = parse(value);
  return result.ok ? 'ok' : result.error.code;
};

test('well-formed requests come out typed, with only the fields the protocol knows', () => {
  assert.deepEqual(parse({ type: 'dial', id: 'r1', number: '+420 601 234 567', line: null, extra: 'ignored' }), {
    ok: true, message: { type: 'dial', id: 'r1', number: '+420 601 234 567', line: null },
  });
  assert.deepEqual(parse({ type: 'activity.save', id: 'a', exchangeId: 1, callId: '1732.5', line: '201', contactPersonId: null, note: 'Objednávka' }), {
    ok: true, message: { type: 'activity.save', id: 'a', exchangeId: 1, callId: '1732.5', line: '201', contactPersonId: null, note: 'Objednávka' },
  });
  assert.deepEqual(parse({ type: 'notifications.seen', id: 'n', ids: 'all' }), { ok: true, message: { type: 'notifications.seen', id: 'n', ids: 'all' } });
});

test('text that is not a JSON object is refused as malformed', () => {
  assert.equal(codeOf('{"type":"hello",'), 'MALFORMED');
  assert.equal(codeOf('[1,2]'), 'MALFORMED');
  assert.equal(codeOf('"hello"'), 'MALFORMED');
  assert.equal(codeOf('null'), 'MALFORMED');
});

test('a request without a readable id is refused without echoing it', () => {
  const result = parse({ type: 'hello', id: 'x'.repeat(65), token: 't' });
  assert.deepEqual(result, { ok: false, id: null, error: { code: 'MALFORMED', message: 'id must be 1–64 letters, digits or . _ : -' } });
});

test('unknown types, including names inherited from Object, are refused as unknown', () => {
  assert.equal(codeOf({ type: 'shutdown', id: '1' }), 'UNKNOWN_TYPE');
  assert.equal(codeOf({ type: 'toString', id: '1' }), 'UNKNOWN_TYPE');
  assert.equal(codeOf({ type: '__proto__', id: '1' }), 'UNKNOWN_TYPE');
});

test('fields of the wrong type or out of range are refused and name the field', () => {
  const wrongLine = parse({ type: 'activity.save', id: 'a', exchangeId: 1, callId: 'c', line: 201, contactPersonId: null, note: '' });
  assert.deepEqual(wrongLine, { ok: false, id: 'a', error: { code: 'MALFORMED', message: 'activity.save: line must be a string' } });
  assert.equal(codeOf({ type: 'calls.list', id: '1', filter: 'everything', limit: 10 }), 'MALFORMED');
  assert.equal(codeOf({ type: 'calls.list', id: '1', filter: 'mine', limit: 1e6 }), 'MALFORMED');
  assert.equal(codeOf({ type: 'calls.list', id: '1', filter: 'mine', limit: 2.5 }), 'MALFORMED');
  assert.equal(codeOf({ type: 'connect', id: '1', scope: 'everyone' }), 'MALFORMED');
  assert.equal(codeOf({ type: 'task.create', id: '1', activityId: 3, subject: 'Call back', dueAt: 'tomorrow', note: '' }), 'MALFORMED');
  assert.equal(codeOf({ type: 'dial', id: '1', number: '601\u0000234', line: null }), 'MALFORMED');
  assert.equal(codeOf({ type: 'notifications.seen', id: '1', ids: [1, 'two'] }), 'MALFORMED');
});

test('a frame over the limit is refused before it is parsed', () => {
  const big = JSON.stringify({ type: 'contacts.search', id: '1', query: 'x'.repeat(MAX_CLIENT_FRAME_BYTES) });
  assert.equal(codeOf(big), 'FRAME_TOO_LARGE');
});
