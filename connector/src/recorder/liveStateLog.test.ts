import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../testing/tempDir.js';
import { LiveStateLog } from './liveStateLog.js';

const event = (name: string, channel: string) => ({ kind: 'event' as const, event: name, fields: [['Event', name], ['Channel', channel]] as [string, string][] });
const made: (() => void)[] = [];
after(() => {
  for (const remove of made) remove();
});
function tempDir(prefix: string): string {
  const temp = makeTempDir(prefix);
  made.push(() => {
    temp.remove();
  });
  return temp.dir;
}

const snapshot = { version: 1 as const, aliveAt: '2026-11-22T10:00:00.000Z', finished: ['1.1'], calls: [] };

test('the log reads back its snapshot and the events after it, in order', () => {
  const dir = tempDir('live-log');
  const { log } = LiveStateLog.open(dir, 3);
  log.compact(snapshot);
  log.appendEvent(event('Newchannel', 'PJSIP/201-00000001'), new Date('2026-11-22T10:00:01.000Z'), true);
  log.appendAlive(new Date('2026-11-22T10:00:02.000Z'));
  log.appendEvent(event('Hangup', 'PJSIP/201-00000001'), new Date('2026-11-22T10:00:03.000Z'), false);
  log.appendKeep('205', '1795400000.1', new Date('2026-11-22T10:00:04.000Z'));
  log.appendKeep('206', null, new Date('2026-11-22T10:00:05.000Z'));
  log.close();
  const { log: again, state } = LiveStateLog.open(dir, 3);
  again.close();
  assert.deepEqual(state.snapshot, snapshot);
  assert.deepEqual(state.records.map((r) => `${r.kind} ${r.at.toISOString()} ${r.kind === 'event' ? `${r.event.event} ${String(r.alive)}` : r.kind === 'keep' ? `${r.line} ${String(r.callId)}` : ''}`), [
    'event 2026-11-22T10:00:01.000Z Newchannel true',
    'alive 2026-11-22T10:00:02.000Z ',
    'event 2026-11-22T10:00:03.000Z Hangup false',
    'keep 2026-11-22T10:00:04.000Z 205 1795400000.1',
    'keep 2026-11-22T10:00:05.000Z 206 null',
  ]);
  assert.equal(state.setAside, null);
});

test('a last line cut short by a kill is dropped; the rest is kept', () => {
  const dir = tempDir('live-log');
  const { log } = LiveStateLog.open(dir, 1);
  log.compact(snapshot);
  log.appendEvent(event('Newchannel', 'PJSIP/201-00000001'), new Date(1_000), true);
  log.close();
  appendFileSync(path.join(dir, 'live-1.jsonl'), '{"t":2000,"e":[["Event","Hang');
  const { log: again, state } = LiveStateLog.open(dir, 1);
  again.close();
  assert.equal(state.records.length, 1);
  assert.equal(state.setAside, null);
});

test('a damaged file is set aside for support, and the state starts empty', () => {
  const dir = tempDir('live-log');
  // Tried: garbage in the middle, a snapshot of the wrong shape, a snapshot after events, a snapshot cut short (a full disk).
  for (const content of ['{"s":{"version":1,"aliveAt":null,"fin', '{"s":{"version":1,"aliveAt":null,"finished":[],"calls":[]}}\nnot json\n{"t":1,"a":1}\n', '{"s":{"version":9}}\n', '{"t":1,"a":1}\n{"s":{"version":1,"aliveAt":null,"finished":[],"calls":[]}}\n']) {
    writeFileSync(path.join(dir, 'live-2.jsonl'), content);
    const { log, state } = LiveStateLog.open(dir, 2);
    log.close();
    assert.equal(state.snapshot, null);
    assert.deepEqual(state.records, []);
    assert.ok(state.setAside !== null && existsSync(state.setAside), content);
  }
  assert.equal(readdirSync(dir).filter((f) => f.includes('unreadable')).length >= 1, true);
});
