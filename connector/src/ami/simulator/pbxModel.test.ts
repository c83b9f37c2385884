import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { Secret } from '../../secret.js';
import { field, type AmiEvent } from '../codec/amiMessage.js';
import { AmiConnection } from '../connection/amiConnection.js';
import { SimulatedAmiServer } from './amiServer.js';
import { PbxModel } from './pbxModel.js';
import { loadTemplates } from './templateFiles.js';

const templates = loadTemplates();

async function rig(): Promise<{ model: PbxModel; events: AmiEvent[]; connection: AmiConnection; close: () => Promise<void>; settle: () => Promise<void> }> {
  const server = await SimulatedAmiServer.start({ port: 0, username: 'recorder', secret: 's' });
  const model = new PbxModel({ server, templates, speed: 50, lineOf: (ext) => (/^\d{3}$/.test(ext) ? { line: ext, name: `Agent ${ext}` } : undefined) });
  server.handle('Originate', (action) => model.originate(action, (channel) => {
    const line = /^PJSIP\/(\d+)$/.exec(channel)?.[1];
    return line === undefined ? undefined : { line, name: `Agent ${line}` };
  }, undefined));
  const connection = new AmiConnection({ host: '127.0.0.1', port: server.port, username: 'recorder', secret: new Secret('s'), logger: pino({ level: 'silent' }) });
  const events: AmiEvent[] = [];
  connection.onEvent((e) => events.push(e));
  const ready = new Promise<void>((resolve) => connection.onReady(resolve));
  connection.start();
  await ready;
  return {
    model, events, connection,
    settle: async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await connection.send('Ping');
    },
    close: async () => {
      model.stop();
      await connection.stop();
      await server.stop();
    },
  };
}

function text(events: readonly AmiEvent[]): string {
  return events.map((e) => e.fields.map(([k, v]) => `${k}: ${v}`).join('\n')).join('\n\n');
}

test("an inbound call to another line from another caller: none of the recording's parties remain, every event keeps its recorded shape", async () => {
  const r = await rig();
  try {
    const call = r.model.start('inbound-answered', { external: { number: '+420602111222', name: 'Karel Dvorak' }, did: '224000100', lineA: { line: '205', name: 'Ema Kucerova' } });
    await r.settle();
    assert.equal(call.expects, "'answer' by line 205");
    assert.ok(r.model.act(call.id, 'lineA', 'answer').ok);
    await r.settle();
    assert.ok(r.model.act(call.id, 'external', 'hangup').ok);
    await r.settle();

    const all = text(r.events);
    for (const old of ['+420601234567', '420601234567', 'Jan Novak', 'PJSIP/201', 'Alice Agent', '1795314107.']) assert.ok(!all.includes(old), `no ${old} left`);
    const newchannels = r.events.filter((e) => e.event === 'Newchannel');
    assert.deepEqual(newchannels.map((e) => field(e, 'Channel')?.replace(/-[0-9a-f]{8}$/, '')), ['PJSIP/trunk', 'PJSIP/205']);
    assert.equal(field(newchannels[0] ?? r.events[0] as AmiEvent, 'CallerIDNum'), '+420602111222');
    const trunkId = field(newchannels[0] as AmiEvent, 'Uniqueid');
    assert.ok(newchannels.every((e) => field(e, 'Linkedid') === trunkId), 'the line channel is linked to the caller');
    const recording = r.events.find((e) => e.event === 'VarSet' && field(e, 'Variable') === 'MIXMONITOR_FILENAME');
    assert.match(field(recording as AmiEvent, 'Value') ?? '', new RegExp(`in-420602111222-224000100-${(trunkId ?? '').replace('.', '\\.')}\\.wav$`));
    const dialEnd = r.events.find((e) => e.event === 'DialEnd');
    assert.equal(dialEnd && field(dialEnd, 'DialStatus'), 'ANSWER');

    const template = templates.get('inbound-answered');
    const shapes = template?.phases.flatMap((p) => p.events.map((e) => e.fields.map(([k]) => k).join(','))) ?? [];
    assert.deepEqual(r.events.map((e) => e.fields.map(([k]) => k).join(',')), shapes, 'same events, same headers, same order as the real PBX');
    assert.deepEqual(r.model.liveCalls(), []);
  } finally {
    await r.close();
  }
});

test('a call moves on only with the action it waits for', async () => {
  const r = await rig();
  try {
    const call = r.model.start('inbound-missed', { external: { number: '601234568', name: 'Petra Svobodova' }, did: '224000100', lineA: { line: '202', name: 'Bob' } });
    assert.deepEqual(r.model.act(call.id, 'lineA', 'answer'), {
      ok: false, status: 409, error: "call 1 cannot take 'answer' by line 202 now; it waits for 'hangup' by the outside caller",
    });
    assert.deepEqual(r.model.act(99, 'lineA', 'answer'), { ok: false, status: 404, error: 'no live call 99' });
    assert.deepEqual(r.model.actOnLine('203', 'answer'), { ok: false, status: 409, error: 'no live call waits for line 203 to answer' });
  } finally {
    await r.close();
  }
});

test('a ring-all queue call rings the three given agents and the given one answers', async () => {
  const r = await rig();
  try {
    const call = r.model.start('queue-answered', {
      external: { number: '+420604555666', name: 'Tomas Prochazka' }, did: '224000200', lineA: { line: '207', name: 'G' },
      otherAgents: [{ line: '206', name: 'F' }, { line: '208', name: 'H' }],
    });
    await r.settle();
    const rung = r.events.filter((e) => e.event === 'DialBegin').map((e) => field(e, 'DestChannel')?.replace(/-[0-9a-f]{8}$/, '')).sort();
    assert.deepEqual(rung, ['PJSIP/206', 'PJSIP/207', 'PJSIP/208']);
    assert.ok(r.model.actOnLine('207', 'answer').ok);
    await r.settle();
    const answered = r.events.filter((e) => e.event === 'DialEnd' && field(e, 'DialStatus') === 'ANSWER');
    assert.deepEqual(answered.map((e) => field(e, 'DestChannel')?.replace(/-[0-9a-f]{8}$/, '')), ['PJSIP/207']);
    assert.ok(r.events.some((e) => e.event === 'AgentConnect' && field(e, 'MemberName') !== undefined));
    assert.ok(r.model.act(call.id, 'external', 'hangup').ok);
  } finally {
    await r.close();
  }
});

test('Originate from a line: the click-to-dial sequence, with the ActionID, the line and the number asked for', async () => {
  const r = await rig();
  try {
    const reply = await r.connection.send('Originate', [['Channel', 'PJSIP/207'], ['Context', 'from-internal'], ['Exten', '+420777000111'], ['Priority', '1'], ['CallerID', '207'], ['Async', 'true']]);
    assert.equal(field(reply, 'Message'), 'Originate successfully queued');
    assert.ok(r.model.actOnLine('207', 'answer').ok);
    await r.settle();
    const response = r.events.find((e) => e.event === 'OriginateResponse');
    assert.ok(response);
    assert.equal(field(response, 'ActionID'), reply.actionId);
    assert.equal(field(response, 'Exten'), '+420777000111');
    assert.match(field(response, 'Channel') ?? '', /^PJSIP\/207-[0-9a-f]{8}$/);
    const refused = await r.connection.send('Originate', [['Channel', 'PJSIP/207'], ['Exten', '+420 777; Action: Command']]);
    assert.equal(field(refused, 'Response'), 'Error');
  } finally {
    await r.close();
  }
});

test('CoreShowChannels lists the live channels of a call in progress, linked to one call id', async () => {
  const r = await rig();
  try {
    r.model.start('outbound-answered', { lineA: { line: '204', name: 'D' }, remote: { dialled: '0603333444', e164: '+420603333444' } });
    await r.settle();
    const list = await r.connection.sendList('CoreShowChannels');
    assert.deepEqual(list.events.map((e) => field(e, 'Channel')?.replace(/-[0-9a-f]{8}$/, '')).sort(), ['PJSIP/204', 'PJSIP/trunk']);
    assert.equal(new Set(list.events.map((e) => field(e, 'Linkedid'))).size, 1);
    assert.ok(list.events.every((e) => /^\d\d:\d\d:\d\d$/.test(field(e, 'Duration') ?? '')));
  } finally {
    await r.close();
  }
});

test('AMI Redirect of the caller to another line is the blind transfer, to the line Redirect names', async () => {
  const r = await rig();
  try {
    const call = r.model.start('blind-transfer', { external: { number: '+420602111222', name: 'Karel' }, did: '224000100', lineA: { line: '201', name: 'A' }, lineB: { line: '203', name: 'C' } });
    assert.ok(r.model.act(call.id, 'lineA', 'answer').ok);
    await r.settle();
    const trunk = r.events.find((e) => e.event === 'Newchannel' && field(e, 'Channel')?.startsWith('PJSIP/trunk-') === true);
    const refused = await r.connection.send('Redirect', [['Channel', 'PJSIP/trunk-ffffffff'], ['Context', 'from-internal'], ['Exten', '204'], ['Priority', '1']]);
    assert.equal(field(refused, 'Message'), 'Channel specified does not exist');
    const reply = await r.connection.send('Redirect', [['Channel', field(trunk as AmiEvent, 'Channel') ?? ''], ['Context', 'from-internal'], ['Exten', '204'], ['Priority', '1']]);
    assert.equal(field(reply, 'Message'), 'Redirect successful');
    await r.settle();
    const transfer = r.events.find((e) => e.event === 'BlindTransfer');
    assert.equal(transfer && field(transfer, 'Extension'), '204');
    const rung = r.events.filter((e) => e.event === 'DialBegin').map((e) => field(e, 'DestChannel')?.replace(/-[0-9a-f]{8}$/, ''));
    assert.deepEqual(rung, ['PJSIP/201', 'PJSIP/204']);
    assert.ok(!text(r.events).includes('PJSIP/203'));
    assert.equal(r.model.liveCalls()[0]?.expects, "'answer' by line 204");
  } finally {
    await r.close();
  }
});

test('Originate without Async answers only when the line has answered, and sends no OriginateResponse', async () => {
  const r = await rig();
  try {
    let answered = false;
    const pending = r.connection.send('Originate', [['Channel', 'PJSIP/208'], ['Context', 'from-internal'], ['Exten', '0777000111'], ['Priority', '1']], 20_000).then((reply) => {
      answered = true;
      return reply;
    });
    await r.settle();
    assert.equal(answered, false, 'no answer while the line rings');
    assert.ok(r.model.actOnLine('208', 'answer').ok);
    const reply = await pending;
    assert.equal(field(reply, 'Message'), 'Originate successfully queued');
    await r.settle();
    assert.equal(r.events.filter((e) => e.event === 'OriginateResponse').length, 0);
    assert.ok(r.events.some((e) => e.event === 'DialBegin' && field(e, 'DestChannel')?.startsWith('PJSIP/trunk-') === true), 'the number is dialled once the line answered');
  } finally {
    await r.close();
  }
});

test('every new channel gets a Uniqueid no other channel had, even when its running number reads like a line', async () => {
  const r = await rig();
  try {
    // 120 internal calls between lines 220 and 224: the running numbers pass 201–224, the lines the recordings use.
    for (let i = 0; i < 120; i++) r.model.start('internal', { lineA: { line: '220', name: 'A' }, lineB: { line: '224', name: 'B' } }, { autopilot: [1, 1, 1] });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await r.settle();
    const ids = r.events.filter((e) => e.event === 'Newchannel').map((e) => field(e, 'Uniqueid') ?? '');
    assert.ok(ids.length >= 240, `${String(ids.length)} channels`);
    assert.equal(new Set(ids).size, ids.length, 'no Uniqueid twice');
    const calls = new Set(r.events.filter((e) => e.event === 'Newchannel').map((e) => field(e, 'Linkedid')));
    assert.equal(calls.size, 120, 'one Linkedid per call');
  } finally {
    await r.close();
  }
});
