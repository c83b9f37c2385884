import type { ExchangeConfig } from '../../db/repositories/recorderConfigRepository.js';
import { ConnectorError, describeError } from '../../errors.js';
import { lineChannelSource } from '../lineChannel.js';
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
  let pbx: AssembledPbx;
  try {
    pbx = await assemblePbx(server, directoryOf(first), {
      lineChannel: first.lineChannelTemplate, controlPort: settings.controlPort, callsPerMinute: settings.callsPerMinute, timeScale: 1, logger,
    });
  } catch (error) {
    await server.stop();
    throw new ConnectorError('CONFIG_INVALID', `the PBX simulator's control interface cannot listen on 127.0.0.1:${settings.controlPort} (${describeError(error)}); set another [Connector] SimulatorControlPort`, { cause: error });
  }
  logger.info({ port: server.port, control: pbx.controlUrl, exchanges: served.map((e) => e.id), callsPerMinute: settings.callsPerMinute }, `PBX simulator: AMI on 127.0.0.1:${server.port}, control ${pbx.controlUrl}`);
  return {
    server,
    controlUrl: pbx.controlUrl,
    exchangeIds: served.map((e) => e.id),
    stop: async () => {
      await pbx.stop();
      await server.stop();
    },
  };
}

export interface AssembledPbx {
  readonly controlUrl: string;
  /** No new generated calls; the live ones play out. */
  stopTraffic(): void;
  stop(): Promise<void>;
}

/**
 * A PBX behind an AMI server: FullyBooted after login, calls from the
 * recordings (generated at `callsPerMinute`, asked for through the control
 * interface, or originated), the sales queue of the first three lines, and
 * the control interface on its own port.
 */
export async function assemblePbx(
  server: SimulatedAmiServer,
  directory: Directory,
  options: { readonly lineChannel: string; readonly controlPort: number; readonly callsPerMinute: number; readonly timeScale: number; readonly logger?: Logger },
): Promise<AssembledPbx> {
  const booted = Date.now();
  server.onLogin((session) => {
    const uptime = String(Math.floor((Date.now() - booted) / 1000));
    session.sendEvent([['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', uptime], ['LastReload', uptime], ['Status', 'Fully Booted']]);
  });
  const model = new PbxModel({ server, templates: loadTemplates(), ...(options.logger === undefined ? {} : { logger: options.logger }), lineOf: (extension) => directory.lines.get(extension) });
  new QueueModel(server, { sales: [...directory.lines.values()].slice(0, 3).map((a) => ({ line: a.line, name: `Agent ${a.line}` })) });
  const channel = new RegExp(`^${lineChannelSource(options.lineChannel, '(\\d+)')}$`);
  const scale = options.timeScale;
  server.handle('Originate', (action) =>
    model.originate(action, (name) => directory.lines.get(channel.exec(name)?.[1] ?? ''), [2_000 / scale, 3_000 / scale, (20_000 + Math.random() * 40_000) / scale]),
  );
  const control = await startControlServer(model, directory, options.controlPort).catch((error: unknown) => {
    model.stop();
    throw error;
  });
  const traffic = startTraffic(model, directory, { callsPerMinute: options.callsPerMinute, timeScale: scale });
  return {
    controlUrl: control.url,
    stopTraffic: () => {
      traffic.stop();
    },
    stop: async () => {
      traffic.stop();
      model.stop();
      await control.close();
    },
  };
}
