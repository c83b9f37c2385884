import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import WebSocket from 'ws';
import type { ServerMessage } from '@cc/protocol';
import { SimulatedAmiServer, type SimulatorSession } from '../ami/simulator/amiServer.js';
import { loadConfig } from '../config/loadConfig.js';
import { openSqlite } from '../db/database.js';
import { readMigrationFiles } from '../db/migrationFiles.js';
import { migrate } from '../db/migrations.js';
import { insertSession } from '../db/repositories/deskUsersRepository.js';
import { tokenHash } from '../desk/sessions.js';
import { sqlRoot } from '../paths.js';
import { seedDemoData } from '../seed/seedDatabase.js';
import { startService } from '../service/main.js';
import { makeTempDir } from '../testing/tempDir.js';
import { echoLatencies, hangUpAll, latencyFigures, newChannel, timeDialBegins, type LatencyFigures } from './latency.js';

const silent = pino({ level: 'silent' });

/**
 * The whole pop-up path, as a user has it: from an AMI DialBegin frame
 * written to the connector's socket to the `call` message received on a
 * desk client's WebSocket (AMI connection, live-state log, tracker, contact
 * match, partner facts from the database, the push channel), with
 * `concurrent` calls live on as many lines and `clients` desks connected
 * (each line's user has two or three open). Next to a loopback TCP echo of
 * the same bytes in the same run. One frame at a time: latency, not queueing.
 */
export async function benchPopLatency(concurrent: number, clients: number, rounds: number): Promise<{ connector: LatencyFigures; tcpEcho: LatencyFigures }> {
  const temp = makeTempDir('bench-pop');
  const server = await SimulatedAmiServer.start({ port: 0, username: 'bench', secret: 'bench-secret', logger: silent });
  server.handle('CoreShowChannels', () => ({ response: 'Success', fields: [['Message', 'Channels will follow']], list: { items: [], completeEvent: 'CoreShowChannelsComplete' } }));
  const session = new Promise<SimulatorSession>((resolve) => {
    server.onLogin(resolve);
  });

  // The demo database, with one more user and line per concurrent call, pointed at this AMI server.
  const database = openSqlite(`${temp.dir}/data/k2.sqlite`);
  await migrate(database, readMigrationFiles(sqlRoot, 'sqlite'), () => new Date());
  await seedDemoData(database, { historyCalls: 0, until: new Date() });
  await database.db.updateTable('exchanges').set({ ami_host: '127.0.0.1', ami_port: server.port, ami_user: 'bench', ami_password: 'bench-secret' }).where('id', '=', 1).execute();
  const lines = Array.from({ length: concurrent }, (_, i) => String(3000 + i));
  const tokens = new Map<string, string[]>();
  for (const line of lines) {
    const user = await database.db.insertInto('users').values({ code: `BENCH${line}`, full_name: `Bench ${line}`, role: 'user', language: 'en', active: 1 }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('lines').values({ exchange_id: 1, line, user_id: user.id, active: 1, log_calls: 0, auto_connect: 1 }).execute();
    tokens.set(line, []);
  }
  for (let i = 0; i < clients; i++) {
    const line = lines[i % lines.length] ?? '3000';
    const token = randomBytes(24).toString('base64url');
    const user = await database.db.selectFrom('users').select('id').where('code', '=', `BENCH${line}`).executeTakeFirstOrThrow();
    await insertSession(database, tokenHash(token), user.id, new Date(), new Date(Date.now() + 3_600_000));
    tokens.get(line)?.push(token);
  }
  const callers = (await database.db.selectFrom('electronic_addresses').select('number_e164').where('address_type', '=', 'TELCC').limit(200).execute())
    .flatMap((r) => (r.number_e164 === null ? [] : [r.number_e164]));
  await database.close();

  const found = await loadConfig({ cwd: temp.dir });
  const config = { ...found.config, connector: { ...found.config.connector, port: 0, simulator: false } };
  const service = await startService({ ...found, config }, silent);
  const pbx = await session;
  while (!service.recorder.synced()) await new Promise((resolve) => setTimeout(resolve, 5));

  // The desks: every client logs in and connects; the first one of each line is the one timed.
  let waiting: { readonly callId: string; readonly resolve: () => void } | undefined;
  const sockets: WebSocket[] = [];
  const timed = new Set<WebSocket>();
  for (const [line, lineTokens] of tokens) {
    for (const [n, token] of lineTokens.entries()) {
      const socket = new WebSocket(`${service.url.replace('http', 'ws')}/ws`);
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => { resolve(); });
        socket.once('error', reject);
      });
      const connected = new Promise<void>((resolve) => {
        socket.on('message', (data: Buffer) => {
          const message = JSON.parse(data.toString('utf8')) as ServerMessage;
          if (message.type === 'connected') resolve();
          if (message.type === 'call' && timed.has(socket) && message.call.callId === waiting?.callId && message.call.state === 'ringing') waiting.resolve();
        });
      });
      socket.send(JSON.stringify({ type: 'hello', id: 'h', token }));
      socket.send(JSON.stringify({ type: 'connect', id: 'c', scope: 'own' }));
      await connected;
      sockets.push(socket);
      if (n === 0) timed.add(socket);
    }
    if (lineTokens.length === 0) throw new Error(`line ${line} has no desk`);
  }

  const samples: number[] = [];
  const frames: string[] = [];
  let serial = 0;
  for (let round = 0; round < rounds; round++) {
    const calls = lines.map((line) => {
      const n = ++serial;
      const id = `1795500000.${String(n)}`;
      return {
        id, line,
        trunk: `PJSIP/trunk-${n.toString(16).padStart(8, '0')}`,
        agent: `PJSIP/${line}-${(n + 0x800000).toString(16).padStart(8, '0')}`,
        caller: callers[n % callers.length] ?? '+420601234567',
      };
    });
    for (const c of calls) {
      pbx.sendRaw(newChannel(c.trunk, c.caller, c.id));
      pbx.sendRaw(newChannel(c.agent, c.line, c.id));
    }
    while (service.recorder.liveCalls() < concurrent) await new Promise((resolve) => setTimeout(resolve, 1));
    samples.push(...await timeDialBegins(pbx, calls, (callId) => new Promise<void>((resolve) => (waiting = { callId, resolve })), frames));
    hangUpAll(pbx, calls);
    while (service.recorder.liveCalls() > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  for (const socket of sockets) socket.terminate();
  await service.stop();
  await server.stop();
  temp.remove();
  return { connector: latencyFigures(samples), tcpEcho: latencyFigures(await echoLatencies(frames)) };
}
