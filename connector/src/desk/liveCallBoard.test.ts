import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveCall } from '@cc/protocol';
import { LiveCallBoard, type LineMessage } from './liveCallBoard.js';

function ringing(line: string, callId = 'c1'): LiveCall {
  return {
    exchangeId: 1, callId, line, state: 'ringing', direction: 'inbound', internal: false, remoteNumber: '+420601234567', remoteDisplay: '+420 601 234 567',
    otherLine: null, activityType: 'TEP', responsibleUser: null, contacts: [], ringingSince: '2026-11-22T08:00:00.000Z', answeredAt: null,
  };
}

const brief = (messages: readonly LineMessage[]): string[] =>
  messages.map(({ line, message }) => (message.type === 'call' ? `${line} call ${message.call.state}` : `${line} gone ${message.reason}${message.missed ? ' missed' : ''}`));

test('a ring-all call: the answering line goes up, every other ringing line closes at once, not as missed', () => {
  const board = new LiveCallBoard();
  for (const line of ['201', '202', '203']) board.ringing(ringing(line));
  assert.deepEqual(brief(board.answered(1, 'c1', '202', '2026-11-22T08:00:05.000Z')), ['202 call up', '201 gone answered-elsewhere', '203 gone answered-elsewhere']);
  assert.deepEqual(brief(board.left(1, 'c1', '201')), [], 'a late "left" for a closed pop-up changes nothing');
  assert.deepEqual(brief(board.ended(1, 'c1')), ['202 gone ended']);
  assert.equal(board.size, 0);
});

test('a caller who gives up while it rings: each line\'s pop-up closes as missed', () => {
  const board = new LiveCallBoard();
  board.ringing(ringing('201'));
  board.ringing(ringing('202'));
  assert.deepEqual(brief(board.left(1, 'c1', '201')), ['201 gone left missed']);
  assert.deepEqual(brief(board.ended(1, 'c1')), ['202 gone ended missed']);
});

test('a repeated ringing event for a line already up keeps it up; other calls are not touched', () => {
  const board = new LiveCallBoard();
  board.ringing(ringing('201'));
  board.ringing(ringing('205', 'c2'));
  board.answered(1, 'c1', '201', '2026-11-22T08:00:05.000Z');
  assert.deepEqual(brief(board.ringing(ringing('201'))), ['201 call up']);
  assert.equal(board.get(1, 'c1', '201')?.answeredAt, '2026-11-22T08:00:05.000Z');
  assert.equal(board.get(1, 'c2', '205')?.state, 'ringing', 'another call on another line rings on');
});

test('new contact facts reach an open pop-up only; the snapshot gives the calls of the lines asked for', () => {
  const board = new LiveCallBoard();
  board.ringing(ringing('201'));
  board.ringing(ringing('202', 'c2'));
  const card = { contactPersonId: 13, name: 'Karel Dvořák', position: null, addressType: 'TELCC', partner: null, phones: [] };
  assert.deepEqual(brief(board.contacts(1, 'c1', '201', [card])), ['201 call ringing']);
  assert.deepEqual(board.contacts(1, 'c9', '201', [card]), []);
  assert.deepEqual(board.snapshot((_exchange, line) => line === '201').map((c) => [c.callId, c.contacts.length]), [['c1', 1]]);
});

test('an internal call: the callee answering does not close the caller\'s pop-up; an unanswered outgoing call is not missed', () => {
  const board = new LiveCallBoard();
  board.ringing({ ...ringing('201', 'c3'), direction: 'outbound', internal: true, remoteNumber: null, otherLine: '202' });
  board.ringing({ ...ringing('202', 'c3'), internal: true, remoteNumber: null, otherLine: '201' });
  assert.deepEqual(brief(board.answered(1, 'c3', '202', '2026-11-22T08:00:05.000Z')), ['202 call up']);
  assert.equal(board.get(1, 'c3', '201')?.direction, 'outbound', 'the caller keeps its pop-up');
  const board2 = new LiveCallBoard();
  board2.ringing({ ...ringing('203', 'c4'), direction: 'outbound' });
  assert.deepEqual(brief(board2.ended(1, 'c4')), ['203 gone ended']);
});
