import type { ExchangeConfig } from '../../db/repositories/recorderConfigRepository.js';
import { ConnectorError, describeError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import { SimulatedAmiServer } from './amiServer.js';
import type { Directory } from './callRequests.js';
import { startControlServer } from './controlServer.js';
import { PbxModel, type PbxLine } from './pbxModel.js';
import { QueueModel } from './queueModel.js';
import { loadTemplates } from './templateFiles.js';
import { startTraffic } from './trafficGenerator.js';

export interface BuiltInSimulator {
  readonly server: SimulatedAmiServer;
  readonly controlUrl: string;
  /** The exchanges it stands in for (their AMI address is 127.0.0.1:SimulatorPort). */
  readonly exchangeIds: readonly number[];
  stop(): Promise<void>;
}

export interface SimulatorSettings {
  /** The port exchanges point at to be served by the simulator. */
  readonly configuredPort: number;
  /** Where the AMI server really listens (0: any free port). */
  readonly listenPort: number;
  readonly controlPort: number;
  readonly callsPerMinute: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function servedBySimulator(exchange: ExchangeConfig, simulatorPort: number): boolean {
  return LOOPBACK.has(exchange.ami.host.toLowerCase()) && exchange.ami.port === simulatorPort;
}

/** The simulated PBX's phone book: its lines with their users' names, and the DIDs of the recordings. */
export function directoryOf(exchange: ExchangeConfig): Directory {
  const prefix = exchange.numberRules[0]?.internalPrefix ?? '';
  return {
    lines: new Map(exchange.lines.filter((l) => l.active).map((l): [string, PbxLine] => [l.line, { line: l.line, name: l.userName ?? `Line ${l.line}` }])),
    companyDid: `${prefix}100`,
    queueDid: `${prefix}200`,
  };
}

/**
 * The PBX simulator `[Connector] Simulator` switches on: an AMI server on
 * 127.0.0.1:SimulatorPort that accepts the credentials of the exchanges
 * pointing at it, calls made from the recorded traces (generated, asked for
 * through the control interface, or originated by click-to-dial), and the
 * control interface on its own port.
 */
export async function startBuiltInSimulator(exchanges: readonly ExchangeConfig[], settings: SimulatorSettings, logger: Logger): Promise<BuiltInSimulator | undefined> {
  const served = exchanges.filter((e) => servedBySimulator(e, settings.configuredPort));
  const first = served[0];
  if (first === undefined) {
    logger.warn({ port: settings.configuredPort }, 'simulator on, but no exchange points at 127.0.0.1 and the simulator port: not started');
    return undefined;
  }
  let server: SimulatedAmiServer;
  try {
    server = await SimulatedAmiServer.start({ port: settings.listenPort, username: first.ami.user, secret: first.ami.password.reveal(), logger });
  } catch (error) {
    throw new ConnectorError(
      'CONFIG_INVALID',
      `the PBX simulator cannot listen on 127.0.0.1:${settings.listenPort} (${describeError(error)}); is a real Asterisk there? Use start --simulator-port N, set another [Connector] SimulatorPort, or Simulator=no`,
      { cause: error },
    );
  }
  const booted = Date.now();
  server.onLogin((session) => {
    const uptime = String(Math.floor((Date.now() - booted) / 1000));
    session.sendEvent([['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', uptime], ['LastReload', uptime], ['Status', 'Fully Booted']]);
  });
  const directory = directoryOf(first);
  const model = new PbxModel({ server, templates: loadTemplates(), logger, lineOf: (extension) => directory.lines.get(extension) });
  const agents = [...directory.lines.values()].slice(0, 3);
  new QueueModel(server, { sales: agents.map((a) => ({ line: a.line, name: `Agent ${a.line}` })) });
  const channelPattern = new RegExp(`^${first.lineChannelTemplate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{line\\}', '(\\d+)')}$`);
  server.handle('Originate', (action) =>
    model.originate(action, (channel) => directory.lines.get(channelPattern.exec(channel)?.[1] ?? ''), [2_000, 3_000, 20_000 + Math.random() * 40_000]),
  );
  let control: { url: string; close(): Promise<void> };
  try {
    control = await startControlServer(model, directory, settings.controlPort);
  } catch (error) {
    model.stop();
    await server.stop();
    throw new ConnectorError('CONFIG_INVALID', `the PBX simulator's control interface cannot listen on 127.0.0.1:${settings.controlPort} (${describeError(error)}); set another [Connector] SimulatorControlPort`, { cause: error });
  }
  const traffic = startTraffic(model, directory, { callsPerMinute: settings.callsPerMinute, timeScale: 1 });
  logger.info({ port: server.port, control: control.url, exchanges: served.map((e) => e.id), callsPerMinute: settings.callsPerMinute }, `PBX simulator: AMI on 127.0.0.1:${server.port}, control ${control.url}`);
  return {
    server,
    controlUrl: control.url,
    exchangeIds: served.map((e) => e.id),
    stop: async () => {
      traffic.stop();
      model.stop();
      await control.close();
      await server.stop();
    },
  };
}
