import type { LoadedConfig } from '../config/loadConfig.js';
import { describeConfig, migrateHint } from '../config/loadConfig.js';
import { openDatabase, type Database } from '../db/database.js';
import { readMigrationFiles } from '../db/migrationFiles.js';
import { migrate, migrationLabel, planMigrations } from '../db/migrations.js';
import { loadRecorderConfig } from '../db/repositories/recorderConfigRepository.js';
import { AmiConnection } from '../ami/connection/amiConnection.js';
import { startBuiltInSimulator } from '../ami/simulator/builtInSimulator.js';
import { TRACKER_EVENT_FILTERS } from '../ami/trackerEvents.js';
import { startRecorder, type RunningRecorder } from '../recorder/recorder.js';
import { ConnectorError, describeError, isConnectorError } from '../errors.js';
import { startHttpServer } from '../http/httpServer.js';
import { moduleLogger, type Logger } from '../log/logger.js';
import { sqlRoot, webRoot } from '../paths.js';
import { contactCardsForNumber } from '../db/repositories/deskContactsRepository.js';
import { DeskHub } from '../desk/deskHub.js';
import { deskRoutes } from '../desk/deskHttp.js';
import { liveCallOf } from '../desk/livePopup.js';
import { originate } from '../desk/originate.js';
import { RateLimiter } from '../desk/rateLimiter.js';
import { DeskSessions } from '../desk/sessions.js';
import { isDatabaseEmpty, seedDemoData } from '../seed/seedDatabase.js';
import { connectorVersion } from '../version.js';
import { probeDatabase } from './databaseProbe.js';
import { buildHealthReport, type ExchangeStatus } from './health.js';

export interface RunningService {
  readonly url: string;
  /** The built-in PBX simulator's control interface, when it runs. */
  readonly simulatorControlUrl: string | undefined;
  readonly recorder: RunningRecorder;
  stop(): Promise<void>;
}

/** How long the service's SQLite statements wait for a lock held elsewhere before failing (and being retried). */
const SERVICE_BUSY_TIMEOUT_MS = 250;

/** Calls of demo history the embedded default starts with, so that charts have something to show. */
export const EMBEDDED_DEMO_HISTORY = 5_000;

/**
 * The one place where the adapters are wired together: database, recorder
 * configuration, HTTP. (The AMI connections and the push channel join here
 * as they are built.)
 */
export async function startService(loaded: LoadedConfig, root: Logger): Promise<RunningService> {
  const log = moduleLogger(root, 'service');
  const { config } = loaded;
  log.info({ config: describeConfig(config), source: loaded.source }, 'starting');

  // What was started, stopped in reverse order (also when start-up fails half way).
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stoppers.reverse()) {
      await stop().catch((error: unknown) => {
        log.warn({ err: describeError(error) }, 'stop failed');
      });
    }
    stoppers.length = 0;
  };
  // A locked SQLite file must not freeze AMI and HTTP: statements give up after a moment and are retried.
  const database = await openDatabase(config.database, { create: loaded.source.kind === 'embedded', busyTimeoutMs: SERVICE_BUSY_TIMEOUT_MS }).catch((error: unknown) => {
    throw isConnectorError(error) && error.code === 'DB_NOT_MIGRATED'
      ? new ConnectorError('DB_SCHEMA_OUTDATED', `${error.message}; run: ${migrateHint(loaded.source)}`, { cause: error })
      : error;
  });
  stoppers.push(() => database.close());
  try {
    await prepareSchema(database, loaded, log);
    const recorder = await loadRecorderConfig(database, config.ccUser);
    log.info(
      { user: recorder.recorder.userCode, exchanges: recorder.exchanges.map((e) => ({ id: e.id, name: e.name, lines: e.lines.length })) },
      'recorder configuration loaded',
    );

    const startedAt = Date.now();
    const version = connectorVersion();
    const simulator = config.connector.simulator
      ? await startBuiltInSimulator(
          recorder.exchanges,
          {
            configuredPort: config.connector.simulatorPort,
            listenPort: config.connector.simulatorListenPort ?? config.connector.simulatorPort,
            // A simulator moved to any free port (tests) takes any free control port too.
            controlPort: config.connector.simulatorListenPort === 0 ? 0 : config.connector.simulatorControlPort,
            callsPerMinute: config.connector.simulatorCallsPerMinute,
          },
          moduleLogger(root, 'simulator'),
        )
      : undefined;
    stoppers.push(async () => simulator?.stop());
    const connections = recorder.exchanges.map((exchange) => {
      // An exchange the simulator stands in for (written as 127.0.0.1, localhost or ::1) follows it to
      // where it really listens: 127.0.0.1 and its actual port.
      const simulated = simulator?.exchangeIds.includes(exchange.id) === true;
      const connection = new AmiConnection({
        host: simulated ? '127.0.0.1' : exchange.ami.host,
        port: simulated ? simulator.server.port : exchange.ami.port,
        username: exchange.ami.user,
        secret: exchange.ami.password,
        eventFilters: TRACKER_EVENT_FILTERS,
        logger: moduleLogger(root, 'ami', { exchange: exchange.id }),
      });
      return { exchange, connection };
    });
    stoppers.push(() => Promise.all(connections.map((c) => c.connection.stop())).then(() => undefined));
    const recording = await startRecorder(database, recorder, connections, config.connector.journalDir, moduleLogger(root, 'recorder'));
    stoppers.push(() => recording.stop());
    // Only now, with the recorder listening, may events flow.
    for (const { connection } of connections) connection.start();
    const exchanges = (): ExchangeStatus[] =>
      connections.map(({ exchange, connection }) => ({
        id: exchange.id, name: exchange.name, state: connection.status.state, since: connection.status.since, reason: connection.status.reason,
      }));
    const sessions = new DeskSessions(database, config.desk.sessionHours);
    const types = recorder.settings.matchAddressTypes;
    const activityTypes = { incoming: recorder.settings.incomingActivityType, outgoing: recorder.settings.outgoingActivityType };
    const hub = new DeskHub({
      database, sessions, recorder: recording, logger: moduleLogger(root, 'desk'), now: () => new Date(),
      exchanges: recorder.exchanges,
      incomingActivityType: activityTypes.incoming, outgoingActivityType: activityTypes.outgoing,
      matchAddressType: types[0] ?? 'TELCC',
      denyPrefixes: config.desk.dialDenyPrefixes,
      dialLimiter: new RateLimiter(config.desk.dialsPerMinute, 60_000),
      refreshContacts: () => recording.refreshContacts(),
      exchangeConnected: (id) => connections.find((c) => c.exchange.id === id)?.connection.status.state === 'connected',
      originate: async (exchange, line, dialled) => {
        const connection = connections.find((c) => c.exchange.id === exchange.id)?.connection;
        if (connection === undefined) throw new ConnectorError('AMI_NOT_CONNECTED', `exchange ${exchange.id} has no AMI connection`);
        await originate(connection, exchange, line, dialled);
      },
      enrich: async (event) => {
        const contacts = event.remoteNumber === null ? [] : await contactCardsForNumber(database, event.remoteNumber, types);
        return liveCallOf(event, contacts, recorder.exchanges.find((e) => e.id === event.exchangeId), activityTypes);
      },
      cardsFor: (e164) => contactCardsForNumber(database, e164, types),
    });
    const unsubscribe = [
      recording.onCallEvent((event) => {
        hub.callEvent(event);
      }),
      recording.onNotification((userId, notification) => {
        hub.notification(userId, notification);
      }),
    ];
    stoppers.push(() => {
      for (const off of unsubscribe) off();
      return Promise.resolve();
    });
    const http = await startHttpServer({
      listen: config.connector.listen,
      port: config.connector.port,
      tls: config.connector.tlsCert !== undefined && config.connector.tlsKey !== undefined
        ? { certFile: config.connector.tlsCert, keyFile: config.connector.tlsKey }
        : undefined,
      logger: moduleLogger(root, 'http'),
      staticRoot: webRoot,
      upgrades: {
        '/ws': (request, socket, head) => {
          hub.handleUpgrade(request, socket, head);
        },
      },
      routes: [
        ...deskRoutes(sessions, hub),
        {
          method: 'GET',
          path: '/health',
          handler: async () => {
            const probe = await probeDatabase(database, 2_000);
            const report = buildHealthReport({
              version, uptimeSeconds: (Date.now() - startedAt) / 1000, driver: config.database.driver,
              databaseUp: probe.up, databaseReason: probe.up ? null : 'the database does not answer', exchanges: exchanges(),
            });
            if (!probe.up) log.warn({ reason: probe.reason }, 'database probe failed');
            return { status: 200, body: report };
          },
        },
      ],
    });
    stoppers.push(() => http.close());
    // Before the HTTP server (stoppers run last first): its close waits for the upgraded sockets the hub holds.
    stoppers.push(() => {
      hub.close();
      return Promise.resolve();
    });
    log.info({ url: http.url }, `connector listening on ${http.url} (health: ${http.url}/health)`);
    return { url: http.url, simulatorControlUrl: simulator?.controlUrl, recorder: recording, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The embedded default migrates and seeds itself; a configured database must be migrated on purpose. */
async function prepareSchema(database: Database, loaded: LoadedConfig, log: Logger): Promise<void> {
  const files = readMigrationFiles(sqlRoot, database.dialect.name);
  if (loaded.source.kind === 'embedded') {
    const applied = await migrate(database, files, () => new Date());
    if (applied.length > 0) log.info({ applied: applied.map(migrationLabel) }, 'embedded database migrated');
    if (await isDatabaseEmpty(database)) {
      const summary = await seedDemoData(database, { historyCalls: EMBEDDED_DEMO_HISTORY, until: new Date() });
      log.info({ summary }, 'embedded database filled with demo data');
    }
    return;
  }
  const plan = await planMigrations(database, files);
  if (plan.pending.length > 0) {
    throw new ConnectorError(
      'DB_SCHEMA_OUTDATED',
      `the database needs migration ${plan.pending.map(migrationLabel).join(', ')}; run: ${migrateHint(loaded.source)}`,
    );
  }
}
