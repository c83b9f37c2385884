import type { ExchangeConfig } from '../../db/repositories/recorderConfigRepository.js';
import { ConnectorError, describeError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import { SimulatedAmiServer } from './amiServer.js';

export interface BuiltInSimulator {
  readonly server: SimulatedAmiServer;
  /** The exchanges it stands in for (their AMI address is 127.0.0.1:SimulatorPort). */
  readonly exchangeIds: readonly number[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function servedBySimulator(exchange: ExchangeConfig, simulatorPort: number): boolean {
  return LOOPBACK.has(exchange.ami.host.toLowerCase()) && exchange.ami.port === simulatorPort;
}

/**
 * The PBX simulator `[Connector] Simulator` switches on: an AMI server on
 * 127.0.0.1:SimulatorPort that accepts the credentials of the exchanges
 * pointing at it. For now it is an idle PBX (FullyBooted after login, no
 * channels); the PBX model with generated calls plugs into the same server.
 */
export async function startBuiltInSimulator(
  exchanges: readonly ExchangeConfig[],
  ports: { readonly configured: number; readonly listen: number },
  logger: Logger,
): Promise<BuiltInSimulator | undefined> {
  const port = ports.configured;
  const served = exchanges.filter((e) => servedBySimulator(e, port));
  const first = served[0];
  if (first === undefined) {
    logger.warn({ port }, 'simulator on, but no exchange points at 127.0.0.1 and the simulator port: not started');
    return undefined;
  }
  let server: SimulatedAmiServer;
  try {
    server = await SimulatedAmiServer.start({ port: ports.listen, username: first.ami.user, secret: first.ami.password.reveal(), logger });
  } catch (error) {
    throw new ConnectorError(
      'CONFIG_INVALID',
      `the PBX simulator cannot listen on 127.0.0.1:${ports.listen} (${describeError(error)}); is a real Asterisk there? Use start --simulator-port N, set another [Connector] SimulatorPort, or Simulator=no`,
      { cause: error },
    );
  }
  const booted = Date.now();
  server.onLogin((session) => {
    const uptime = String(Math.floor((Date.now() - booted) / 1000));
    session.sendEvent([['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', uptime], ['LastReload', uptime], ['Status', 'Fully Booted']]);
  });
  server.handle('CoreShowChannels', () => ({
    response: 'Success',
    fields: [['Message', 'Channels will follow']],
    list: { items: [], completeEvent: 'CoreShowChannelsComplete' },
  }));
  logger.info({ port: server.port, exchanges: served.map((e) => e.id) }, `PBX simulator listening on 127.0.0.1:${server.port}`);
  return { server, exchangeIds: served.map((e) => e.id) };
}
