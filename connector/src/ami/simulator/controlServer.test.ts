import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedAmiServer } from './amiServer.js';
import { startControlServer } from './controlServer.js';
import { PbxModel, type PbxLine } from './pbxModel.js';
import { loadTemplates } from './templateFiles.js';
import { startTraffic } from './trafficGenerator.js';

const directory = {
  lines: new Map(['201', '202', '203', '204'].map((l): [string, PbxLine] => [l, { line: l, name: `Agent ${l}` }])),
  companyDid: '224000100',
  queueDid: '224000200',
};

async function rig(): Promise<{ url: string; model: PbxModel; close(): Promise<void> }> {
  const server = await SimulatedAmiServer.start({ port: 0, username: 'u', secret: 's' });
  const model = new PbxModel({ server, templates: loadTemplates(), speed: 100 });
  const control = await startControlServer(model, directory, 0);
  return {
    url: control.url,
    model,
    close: async () => {
      model.stop();
      await control.close();
      await server.stop();
    },
  };
}

async function post(url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const init: RequestInit = body === undefined ? { method: 'POST' } : { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) };
  const response = await fetch(url, init);
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

test('the control interface starts calls and acts as the phones', async () => {
  const r = await rig();
  try {
    const started = await post(`${r.url}/calls`, { scenario: 'inbound-answered', from: '+420602111222', name: 'Karel Dvorak', line: '203' });
    assert.equal(started.status, 201);
    assert.deepEqual((started.json['call'] as { expects: string }).expects, "'answer' by line 203");
    const id = (started.json['call'] as { id: number }).id;
    const listed = (await (await fetch(`${r.url}/calls`)).json()) as { calls: { id: number; lines: string[] }[] };
    assert.deepEqual(listed.calls.map((c) => [c.id, c.lines]), [[id, ['203']]]);
    const busy = await post(`${r.url}/calls`, { scenario: 'inbound-missed', from: '+420602111223', line: '203' });
    assert.deepEqual([busy.status, busy.json['error']], [409, 'line 203 is in another call']);
    assert.equal((await post(`${r.url}/lines/203/answer`)).status, 200);
    const hangup = await post(`${r.url}/calls/${String(id)}/actions`, { actor: 'external', verb: 'hangup' });
    assert.equal(hangup.status, 200);
    assert.equal((hangup.json['call'] as { expects: unknown }).expects, null);
  } finally {
    await r.close();
  }
});

test('bad requests get a clear error and start nothing', async () => {
  const r = await rig();
  try {
    const cases: readonly (readonly [unknown, number, string])[] = [
      ['not json', 400, 'Unexpected token'],
      [{ scenario: 'conference' }, 400, 'scenario must be one of'],
      [{ scenario: 'inbound-answered', from: '+420602111222', line: '299' }, 400, 'line 299 is not a line of this PBX'],
      [{ scenario: 'inbound-answered', from: '601 ABC', line: '201' }, 400, 'from (the outside caller'],
      [{ scenario: 'queue-answered', from: '+420602111222', agents: ['201'] }, 400, 'agents (the three lines'],
      [{ scenario: 'outbound-answered', line: '201', to: '0777; Action: Command' }, 400, 'to (the number dialled'],
      [{ scenario: 'internal', line: '201', to: '202', autopilot: [-5] }, 400, 'autopilot is a list of delays'],
      [{ scenario: 'internal', line: '201', to: '201' }, 400, 'a line cannot call itself'],
      [{ scenario: '__proto__', line: '201' }, 400, 'scenario must be one of'],
    ];
    for (const [body, status, error] of cases) {
      const result = await post(`${r.url}/calls`, body);
      assert.equal(result.status, status, JSON.stringify(body));
      assert.ok(String(result.json['error']).includes(error), `${JSON.stringify(body)} → ${String(result.json['error'])}`);
    }
    assert.deepEqual(r.model.liveCalls(), []);
    assert.equal((await post(`${r.url}/calls/7/actions`, { actor: 'lineA', verb: 'answer' })).status, 404);
    assert.equal((await post(`${r.url}/calls/7/actions`, { actor: 'boss', verb: 'answer' })).status, 400);
    assert.equal((await post(`${r.url}/lines/201/answer`)).status, 409);
    assert.equal((await post(`${r.url}/nothing`)).status, 404);
  } finally {
    await r.close();
  }
});

test('generated traffic makes calls on free lines and lets them play out', async () => {
  const r = await rig();
  let seed = 1;
  const random = (): number => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  const traffic = startTraffic(r.model, directory, { callsPerMinute: 6_000, timeScale: 1_000, random });
  try {
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) {
      for (const call of r.model.liveCalls()) {
        seen.add(call.id);
        const lines = call.lines;
        assert.equal(new Set(lines).size, lines.length);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.ok(seen.size >= 5, `${seen.size} calls made`);
    const busy = r.model.liveCalls().flatMap((c) => c.lines);
    assert.equal(new Set(busy).size, busy.length, 'no phone is in two calls');
    traffic.stop();
    for (let i = 0; i < 200 && r.model.liveCalls().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.deepEqual(r.model.liveCalls(), [], 'every generated call plays out to its end');
  } finally {
    traffic.stop();
    await r.close();
  }
});
