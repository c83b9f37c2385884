import { pino } from 'pino';
import type { CallEventMessage } from '@cc/protocol';
import { AmiConnection } from '../ami/connection/amiConnection.js';
import { SimulatedAmiServer, type SimulatorSession } from '../ami/simulator/amiServer.js';
import { TRACKER_EVENT_FILTERS } from '../ami/trackerEvents.js';
import { ContactIndex } from '../contacts/contactIndex.js';
import type { ExchangeConfig } from '../db/repositories/recorderConfigRepository.js';
import { startExchangeRecorder } from '../recorder/exchangeRecorder.js';
import { Secret } from '../secret.js';
import { makeTempDir } from '../testing/tempDir.js';
import { echoLatencies, hangUpAll, latencyFigures, newChannel, timeDialBegins, type LatencyFigures } from './latency.js';

const silent = pino({ level: 'silent' });
const LINES = 200;

/**
 * From an AMI DialBegin frame written to the connector's socket to the
 * ringing call event leaving the recorder (AMI connection, live-state log,
 * tracker, contact match), with `concurrent` calls live; next to a plain
 * loopback TCP echo of the same bytes in the same process and run. Each
 * sample is one frame written and waited for, so that it measures latency,
 * not queueing.
 */
export async function benchRingLatency(concurrent: number, rounds: number): Promise<{ connector: LatencyFigures; tcpEcho: LatencyFigures }> {
  const temp = makeTempDir('bench-ring');
  const server = await SimulatedAmiServer.start({ port: 0, username: 'bench', secret: 'bench-secret', logger: silent });
  server.handle('CoreShowChannels', () => ({ response: 'Success', fields: [['Message', 'Channels will follow']], list: { items: [], completeEvent: 'CoreShowChannelsComplete' } }));
  const session = new Promise<SimulatorSession>((resolve) => {
    server.onLogin(resolve);
  });
  const connection = new AmiConnection({ host: '127.0.0.1', port: server.port, username: 'bench', secret: new Secret('bench-secret'), eventFilters: TRACKER_EVENT_FILTERS, logger: silent });
  const lines = Array.from({ length: LINES }, (_, i) => String(2000 + i));
  const exchange = {
    id: 1, lines: lines.map((line) => ({ line, active: true, logCalls: true, notifyMissed: false, userId: null, userCode: null, userName: null, contactPersonId: null })),
  } as unknown as ExchangeConfig;
  const index = new ContactIndex(new Set(['TELCC']));
  for (let i = 0; i < 10_000; i++) index.upsert({ addressId: i, contactPersonId: i, partnerId: i % 500, addressType: 'TELCC', e164: `+4206${String(10_000_000 + i)}` });
  let waiting: { readonly callId: string; readonly resolve: () => void } | undefined;
  const recorder = startExchangeRecorder({
    exchange, connection, index, stateDir: temp.dir, logger: silent,
    trackerConfig: { exchangeId: 1, lines: new Map(lines.map((l) => [l, { userId: null, userCode: null, contactPersonId: null, partnerId: null }])), lineChannelTemplate: 'PJSIP/{line}', dialRules: { country: 'CZ', outsideLinePrefix: '0', internationalPrefix: '00' } },
    connected: () => false,
    record: () => undefined,
    publish: (message: CallEventMessage) => {
      if (message.kind === 'ringing' && message.callId === waiting?.callId) waiting.resolve();
    },
  });
  connection.start();
  const pbx = await session;
  while (!recorder.synced()) await new Promise((resolve) => setTimeout(resolve, 5));

  const connectorSamples: number[] = [];
  const frames: string[] = [];
  let serial = 0;
  for (let round = 0; round < rounds; round++) {
    // `concurrent` calls come in and are live; then each one's DialBegin is written and its ringing waited for.
    const calls = Array.from({ length: concurrent }, (_, i) => {
      const n = ++serial;
      const id = `1795400000.${String(n)}`;
      const line = lines[i % LINES] ?? '2000';
      const trunk = `PJSIP/trunk-${n.toString(16).padStart(8, '0')}`;
      const agent = `PJSIP/${line}-${(n + 0x800000).toString(16).padStart(8, '0')}`;
      const caller = `+4206${String(10_000_000 + (n % 10_000))}`;
      return { id, line, trunk, agent, caller };
    });
    for (const c of calls) {
      pbx.sendRaw(newChannel(c.trunk, c.caller, c.id));
      pbx.sendRaw(newChannel(c.agent, '2000', c.id));
    }
    while (recorder.tracker().liveCalls < concurrent) await new Promise((resolve) => setTimeout(resolve, 1));
    connectorSamples.push(...await timeDialBegins(pbx, calls, (callId) => new Promise<void>((resolve) => (waiting = { callId, resolve })), frames));
    hangUpAll(pbx, calls);
    while (recorder.tracker().liveCalls > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  recorder.stop();
  await connection.stop();
  await server.stop();
  temp.remove();

  return { connector: latencyFigures(connectorSamples), tcpEcho: latencyFigures(await echoLatencies(frames)) };
}
