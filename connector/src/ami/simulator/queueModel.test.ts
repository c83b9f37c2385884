import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { Secret } from '../../secret.js';
import { field, type AmiEvent } from '../codec/amiMessage.js';
import { AmiConnection } from '../connection/amiConnection.js';
import { SimulatedAmiServer } from './amiServer.js';
import { QueueModel } from './queueModel.js';

test('QueueStatus, QueuePause, QueueAdd and QueueRemove answer as Asterisk does and tell every client', async () => {
  const server = await SimulatedAmiServer.start({ port: 0, username: 'u', secret: 's' });
  new QueueModel(server, { sales: [{ line: '201', name: 'Agent 201' }, { line: '202', name: 'Agent 202' }] });
  const c = new AmiConnection({ host: '127.0.0.1', port: server.port, username: 'u', secret: new Secret('s'), logger: pino({ level: 'silent' }) });
  const events: AmiEvent[] = [];
  c.onEvent((e) => events.push(e));
  const ready = new Promise<void>((resolve) => c.onReady(resolve));
  c.start();
  await ready;
  try {
    const status = await c.sendList('QueueStatus');
    assert.deepEqual(status.events.map((e) => `${e.event}:${field(e, 'Location') ?? field(e, 'Strategy') ?? ''}`), ['QueueParams:ringall', 'QueueMember:PJSIP/201', 'QueueMember:PJSIP/202']);
    assert.equal(status.complete?.event, 'QueueStatusComplete');

    const paused = await c.send('QueuePause', [['Interface', 'PJSIP/202'], ['Paused', 'true'], ['Reason', 'lunch']]);
    assert.equal(field(paused, 'Message'), 'Interface paused successfully');
    const again = await c.sendList('QueueStatus', [['Queue', 'sales']]);
    const bob = again.events.find((e) => field(e, 'Location') === 'PJSIP/202');
    assert.deepEqual([bob && field(bob, 'Paused'), bob && field(bob, 'PausedReason')], ['1', 'lunch']);

    assert.equal(field(await c.send('QueueAdd', [['Queue', 'sales'], ['Interface', 'PJSIP/203'], ['MemberName', 'Agent 203']]), 'Message'), 'Added interface to queue');
    assert.equal(field(await c.send('QueueAdd', [['Queue', 'sales'], ['Interface', 'PJSIP/203']]), 'Message'), 'Unable to add interface: Already there');
    assert.equal(field(await c.send('QueueAdd', [['Queue', 'support'], ['Interface', 'PJSIP/203']]), 'Response'), 'Error');
    assert.equal(field(await c.send('QueueRemove', [['Queue', 'sales'], ['Interface', 'PJSIP/201']]), 'Message'), 'Removed interface from queue');
    assert.equal(field(await c.send('QueueRemove', [['Queue', 'sales'], ['Interface', 'PJSIP/201']]), 'Message'), 'Unable to remove interface: Not there');
    assert.equal(field(await c.send('QueuePause', [['Interface', 'PJSIP/299'], ['Paused', 'true']]), 'Message'), 'Interface not found');
    await c.send('Ping');
    assert.deepEqual(events.map((e) => `${e.event}:${field(e, 'Interface') ?? ''}`), ['QueueMemberPause:PJSIP/202', 'QueueMemberAdded:PJSIP/203', 'QueueMemberRemoved:PJSIP/201']);
  } finally {
    await c.stop();
    await server.stop();
  }
});
