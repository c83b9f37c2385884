import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorError } from '../../errors.js';
import { closeServer } from '../../http/closeServer.js';
import { parseAction, parseStartRequest, type Directory } from './callRequests.js';
import type { Verb } from './callTemplates.js';
import type { PbxModel } from './pbxModel.js';

const MAX_BODY = 16 * 1024;

/**
 * The simulator's control interface (HTTP on its own loopback port; see
 * docs/simulator.md): tests and demos act as the phones.
 *   GET  /calls                         live calls and what each waits for
 *   POST /calls                         start a call (a scenario and its parties)
 *   POST /calls/{id}/actions            {"actor": "lineA", "verb": "answer"}
 *   POST /lines/{line}/{verb}           a phone's own action on its call (answer, reject, hangup, transfer)
 */
export async function startControlServer(model: PbxModel, directory: Directory, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void handle(model, directory, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    url,
    close: () => closeServer(server),
  };
}

async function handle(model: PbxModel, directory: Directory, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { status, body } = await route(model, directory, req).catch((error: unknown) => ({
    status: 400,
    body: { error: error instanceof Error ? error.message : 'bad request' },
  }));
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ConnectorError('INVALID_INPUT', 'the body is larger than 16 KiB');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
}

async function route(model: PbxModel, directory: Directory, req: IncomingMessage): Promise<{ status: number; body: unknown }> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (req.method === 'GET' && path === '/calls') return { status: 200, body: { calls: model.liveCalls() } };
  if (req.method === 'POST' && path === '/calls') {
    const request = parseStartRequest(await readJson(req), directory);
    if (!request.ok) return { status: 400, body: { error: request.error } };
    // One call per phone, as with the real ones (a busy phone's own answer is the busy scenario).
    const busy = new Set(model.liveCalls().flatMap((c) => c.lines));
    const p = request.value.parties;
    const wanted = [p.lineA?.line, p.lineB?.line, ...(p.otherAgents ?? []).map((a) => a.line)].filter((l): l is string => l !== undefined);
    const taken = wanted.find((l) => busy.has(l));
    if (taken !== undefined) return { status: 409, body: { error: `line ${taken} is in another call` } };
    const call = model.start(request.value.scenario, request.value.parties, request.value.autopilot === undefined ? {} : { autopilot: request.value.autopilot });
    return { status: 201, body: { call } };
  }
  const action = /^\/calls\/(\d+)\/actions$/.exec(path);
  if (req.method === 'POST' && action) {
    const parsed = parseAction(await readJson(req));
    if (!parsed.ok) return { status: 400, body: { error: parsed.error } };
    const result = model.act(Number(action[1]), parsed.value.actor, parsed.value.verb);
    return result.ok ? { status: 200, body: { call: result.call } } : { status: result.status, body: { error: result.error } };
  }
  const lineAction = /^\/lines\/(\d{1,20})\/(answer|reject|hangup|transfer)$/.exec(path);
  if (req.method === 'POST' && lineAction) {
    const body = lineAction[2] === 'transfer' ? await readJson(req) : {};
    const to = typeof body === 'object' && body !== null && 'to' in body && typeof body.to === 'string' ? body.to : undefined;
    const target = to === undefined ? undefined : directory.lines.get(to);
    if (to !== undefined && target === undefined) return { status: 400, body: { error: `to ${to} is not a line of this PBX` } };
    const result = model.actOnLine(lineAction[1] ?? '', lineAction[2] as Verb, target);
    return result.ok ? { status: 200, body: { call: result.call } } : { status: result.status, body: { error: result.error } };
  }
  return { status: 404, body: { error: `no such endpoint: ${req.method ?? ''} ${path}` } };
}
