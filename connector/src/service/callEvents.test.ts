import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallEventMessage } from '@cc/protocol';
import { openSqlite } from '../db/database.js';
import { makeTempDir } from '../testing/tempDir.js';
import { postJson, startedService, until } from '../testing/serviceFixture.js';

test('the pop-up path: a call rings line 204 with Karel Dvořák matched, is answered and ends, as events from the PBX', async () => {
  const temp = makeTempDir('call-events');
  const service = await startedService(temp.dir);
  const events: CallEventMessage[] = [];
  const off = service.recorder.onCallEvent((message) => events.push(message));
  try {
    assert.equal((await postJson(`${service.simulatorControlUrl ?? ''}/calls`, { scenario: 'inbound-answered', from: '+420602111222', name: 'Karel Dvorak', line: '204', autopilot: [300, 300] })).status, 201);
    await until('the end of the call', () => events.find((e) => e.kind === 'ended'), 5_000);
    const brief = events.map((e) => (e.kind === 'ringing' ? `ringing ${e.line} ${e.callerNumber} contacts ${e.contacts.map((c) => c.contactPersonId).join(',')}` : e.kind === 'ended' ? 'ended' : `${e.kind} ${e.line}`));
    // The demo data: +420602111222 is Karel Dvořák (contact person 13).
    assert.deepEqual(brief.slice(0, 2), ['ringing 204 +420602111222 contacts 13', 'answered 204']);
    assert.equal(brief.at(-1), 'ended');
    assert.ok(events.every((e) => e.exchangeId === 1 && e.callId === events[0]?.callId && !Number.isNaN(Date.parse(e.at))));
  } finally {
    off();
    await service.stop();
    temp.remove();
  }
});

test('a line that does not log call information has its calls written while its user is connected, and only then', async () => {
  const temp = makeTempDir('connected-lines');
  const first = await startedService(temp.dir);
  await first.stop();
  const database = openSqlite(`${temp.dir}/data/k2.sqlite`);
  await database.db.updateTable('lines').set({ log_calls: 0 }).where('line', '=', '205').execute();
  const service = await startedService(temp.dir);
  const rowsOf205 = async (): Promise<number> => (await database.db.selectFrom('call_history').select('id').where('line', '=', '205').execute()).length;
  const before = await rowsOf205();
  try {
    const call = async (): Promise<void> => {
      const ended = new Promise<void>((resolve) => {
        const off = service.recorder.onCallEvent((e) => {
          if (e.kind === 'ended') {
            off();
            resolve();
          }
        });
      });
      assert.equal((await postJson(`${service.simulatorControlUrl ?? ''}/calls`, { scenario: 'inbound-answered', from: '+420601234567', name: 'Jan Novak', line: '205', autopilot: [200, 200] })).status, 201);
      await ended;
      await service.recorder.idle();
    };
    await call();
    assert.equal(await rowsOf205(), before, 'not logged, nobody connected: no row');
    service.recorder.setLineConnected(1, '205', true);
    await call();
    assert.equal(await rowsOf205(), before + 1, 'its user is connected: the call is written');
    service.recorder.setLineConnected(1, '205', false);
    await call();
    assert.equal(await rowsOf205(), before + 1, 'disconnected again: no row');
    // Connected while the call rings, gone before it ends (the desk closed): the call was seen by its user, so it is kept.
    const ringing = new Promise<void>((resolve) => {
      const off = service.recorder.onCallEvent((e) => {
        if (e.kind === 'ringing' && e.line === '205') {
          off();
          service.recorder.setLineConnected(1, '205', true);
          setTimeout(() => {
            service.recorder.setLineConnected(1, '205', false);
            resolve();
          }, 50);
        }
      });
    });
    const ended = new Promise<void>((resolve) => {
      const off = service.recorder.onCallEvent((e) => {
        if (e.kind === 'ended') {
          off();
          resolve();
        }
      });
    });
    assert.equal((await postJson(`${service.simulatorControlUrl ?? ''}/calls`, { scenario: 'inbound-answered', from: '+420601234567', name: 'Jan Novak', line: '205', autopilot: [400, 300] })).status, 201);
    await ringing;
    await ended;
    await service.recorder.idle();
    assert.equal(await rowsOf205(), before + 2, 'its user was connected while it was live: written');
  } finally {
    await service.stop();
    await database.close();
    temp.remove();
  }
});
