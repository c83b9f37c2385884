import { Secret } from '../secret.js';
import type { IniDocument } from './iniParser.js';
import { SettingsReader } from './settingsReader.js';

/**
 * The connector's configuration, validated once at start-up. Paths are kept
 * as written; the loader resolves them against the file's folder.
 */
export interface SqliteDatabaseConfig {
  readonly driver: 'sqlite';
  /** The SQLite database file. */
  readonly file: string;
}

export interface MssqlDatabaseConfig {
  readonly driver: 'mssql';
  readonly server: string;
  /** Absent when a named instance is used (the SQL Browser tells the port). */
  readonly port: number | undefined;
  readonly instance: string | undefined;
  readonly database: string;
  readonly user: string;
  readonly password: Secret;
  readonly encrypt: boolean;
  readonly trustServerCertificate: boolean;
}

export type DatabaseConfig = SqliteDatabaseConfig | MssqlDatabaseConfig;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ConnectorSettings {
  readonly listen: string;
  readonly port: number;
  readonly tlsCert: string | undefined;
  readonly tlsKey: string | undefined;
  /** Explicit opt-out of TLS for a non-loopback address (a trusted network, or TLS ended by a proxy). */
  readonly allowInsecureNetwork: boolean;
  readonly dataDir: string;
  readonly journalDir: string;
  readonly logLevel: LogLevel;
  readonly simulator: boolean;
  /** The loopback port the simulator listens on; exchanges pointing at 127.0.0.1 and this port are served by it. */
  readonly simulatorPort: number;
  /** Where the simulator really listens when `start --simulator-port` says so (0: any free port); else simulatorPort. */
  readonly simulatorListenPort?: number;
  /** The simulator's control interface (HTTP, loopback only). */
  readonly simulatorControlPort: number;
  /** Generated calls per minute (0: only the calls asked for through the control interface). */
  readonly simulatorCallsPerMinute: number;
}

/** The desk (push channel, logins, click-to-dial). */
export interface DeskSettings {
  /** How long a login lasts before the user must log in again. */
  readonly sessionHours: number;
  /** Click-to-dial calls a user may place per minute. */
  readonly dialsPerMinute: number;
  /** E.164 prefixes click-to-dial refuses (premium-rate ranges). */
  readonly dialDenyPrefixes: readonly string[];
}

export interface ConnectorConfig {
  /** The ERP user the recorder acts as (K2: CCUSER). */
  readonly ccUser: string;
  readonly database: DatabaseConfig;
  readonly connector: ConnectorSettings;
  readonly desk: DeskSettings;
}

export const DEFAULT_DESK: DeskSettings = {
  sessionHours: 12,
  dialsPerMinute: 5,
  dialDenyPrefixes: ['+420900', '+420906', '+420908', '+420909', '+420976'],
};

export const DEFAULT_HTTP_PORT = 8740;
export const DEFAULT_SIMULATOR_PORT = 5038;
export const DEFAULT_SIMULATOR_CONTROL_PORT = 5039;
export const DEFAULT_MSSQL_PORT = 1433;
export const DEFAULT_DATA_DIR = 'data';
export const DEFAULT_SQLITE_FILE = 'k2.sqlite';

/** What `npm start` runs on when there is no K2.ini: SQLite with demo data and the PBX simulator. */
export function embeddedDefaultConfig(): ConnectorConfig {
  return {
    ccUser: 'RECORDER',
    database: { driver: 'sqlite', file: `${DEFAULT_DATA_DIR}/${DEFAULT_SQLITE_FILE}` },
    connector: defaultConnectorSettings(true),
    desk: DEFAULT_DESK,
  };
}

function defaultConnectorSettings(simulator: boolean): ConnectorSettings {
  return {
    listen: '127.0.0.1',
    port: DEFAULT_HTTP_PORT,
    tlsCert: undefined,
    tlsKey: undefined,
    allowInsecureNetwork: false,
    dataDir: DEFAULT_DATA_DIR,
    journalDir: `${DEFAULT_DATA_DIR}/journal`,
    logLevel: 'info',
    simulator,
    simulatorPort: DEFAULT_SIMULATOR_PORT,
    simulatorControlPort: DEFAULT_SIMULATOR_CONTROL_PORT,
    simulatorCallsPerMinute: 2,
  };
}

export type ConfigResult =
  | { readonly ok: true; readonly config: ConnectorConfig }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Every setting there is, by section (`''` = before any section). */
export const KNOWN_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  '': ['CCUSER'],
  Database: ['Driver', 'File', 'Server', 'Port', 'Instance', 'Database', 'User', 'Password', 'Encrypt', 'TrustServerCertificate'],
  Desk: ['SessionHours', 'DialsPerMinute', 'DialDenyPrefixes'],
  Connector: ['Listen', 'Port', 'TlsCert', 'TlsKey', 'AllowInsecureNetwork', 'DataDir', 'JournalDir', 'LogLevel', 'Simulator', 'SimulatorPort', 'SimulatorControlPort', 'SimulatorCallsPerMinute'],
};

export function readK2Config(document: IniDocument): ConfigResult {
  const reader = new SettingsReader(document);
  const ccUser = reader.string('', 'CCUSER', 'RECORDER');
  const connector = readConnector(reader);
  const database = readDatabase(reader, connector.dataDir);
  const desk = readDesk(reader);
  reader.reportUnknown(KNOWN_SETTINGS);
  if (reader.problems.length > 0 || database === undefined) return { ok: false, problems: reader.problems };
  return { ok: true, config: { ccUser, database, connector, desk } };
}

function readDatabase(reader: SettingsReader, dataDir: string): DatabaseConfig | undefined {
  const driver = reader.oneOf('Database', 'Driver', ['sqlite', 'mssql'] as const, undefined);
  const file = reader.string('Database', 'File', `${dataDir}/${DEFAULT_SQLITE_FILE}`);
  const portEntry = reader.entry('Database', 'Port');
  const port = reader.integer('Database', 'Port', 1, 65535, DEFAULT_MSSQL_PORT);
  const encrypt = reader.boolean('Database', 'Encrypt', true);
  const trustServerCertificate = reader.boolean('Database', 'TrustServerCertificate', false);
  const passwordEntry = reader.entry('Database', 'Password');

  if (!reader.hasSection('Database')) {
    reader.problems.push('[Database] section is missing; it needs at least Driver=sqlite or Driver=mssql');
    return undefined;
  }
  if (driver === undefined) {
    if (reader.entry('Database', 'Driver') === undefined) reader.problems.push('[Database] Driver is required (sqlite or mssql)');
    return undefined;
  }
  if (driver === 'sqlite') return { driver, file };

  const why = 'when [Database] Driver=mssql';
  // K2 writes a named instance as Server=HOST\INSTANCE; Instance= says the same on its own.
  const [server = '', instanceInServer] = reader.required('Database', 'Server', why).split('\\', 2);
  const instanceKey = reader.string('Database', 'Instance');
  if (instanceInServer !== undefined && instanceKey !== undefined) {
    reader.problems.push('[Database] Server names an instance (HOST\\INSTANCE) and Instance is set too; give the instance once');
  }
  const instance = instanceKey ?? (instanceInServer === '' ? undefined : instanceInServer);
  const portGiven = portEntry !== undefined && portEntry.value !== '';
  if (instance !== undefined && portGiven) {
    reader.problems.push('[Database] Port and a named instance exclude each other: the SQL Browser tells the instance\'s port; remove one');
  }
  const databaseName = reader.required('Database', 'Database', why);
  const user = reader.required('Database', 'User', why);
  if (passwordEntry === undefined) reader.problems.push(`[Database] Password is required ${why} (it may be empty)`);
  return {
    driver,
    server,
    port: instance === undefined ? port : undefined,
    instance,
    database: databaseName,
    user,
    password: new Secret(passwordEntry?.value ?? ''),
    encrypt,
    trustServerCertificate,
  };
}

function readDesk(reader: SettingsReader): DeskSettings {
  const sessionHours = reader.integer('Desk', 'SessionHours', 1, 24 * 31, DEFAULT_DESK.sessionHours);
  const dialsPerMinute = reader.integer('Desk', 'DialsPerMinute', 1, 60, DEFAULT_DESK.dialsPerMinute);
  const deny = reader.string('Desk', 'DialDenyPrefixes');
  const dialDenyPrefixes = deny === undefined ? DEFAULT_DESK.dialDenyPrefixes : deny.split(',').map((p) => p.trim()).filter((p) => p !== '');
  for (const prefix of dialDenyPrefixes) {
    if (!/^\+\d{1,15}$/.test(prefix)) reader.problems.push(`[Desk] DialDenyPrefixes: '${prefix}' is not an international prefix such as +420900`);
  }
  return { sessionHours, dialsPerMinute, dialDenyPrefixes };
}

function readConnector(reader: SettingsReader): ConnectorSettings {
  const defaults = defaultConnectorSettings(false);
  const listen = reader.string('Connector', 'Listen', defaults.listen);
  const port = reader.integer('Connector', 'Port', 1, 65535, defaults.port);
  const tlsCert = reader.string('Connector', 'TlsCert');
  const tlsKey = reader.string('Connector', 'TlsKey');
  const allowInsecureNetwork = reader.boolean('Connector', 'AllowInsecureNetwork', false);
  const dataDir = reader.string('Connector', 'DataDir', defaults.dataDir);
  const journalDir = reader.string('Connector', 'JournalDir', `${dataDir}/journal`);
  const logLevel = reader.oneOf('Connector', 'LogLevel', LOG_LEVELS, defaults.logLevel) ?? defaults.logLevel;
  const simulator = reader.boolean('Connector', 'Simulator', false);
  const simulatorPort = reader.integer('Connector', 'SimulatorPort', 1, 65535, DEFAULT_SIMULATOR_PORT);
  const simulatorControlPort = reader.integer('Connector', 'SimulatorControlPort', 1, 65535, DEFAULT_SIMULATOR_CONTROL_PORT);
  const simulatorCallsPerMinute = reader.integer('Connector', 'SimulatorCallsPerMinute', 0, 600, defaults.simulatorCallsPerMinute);

  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    reader.problems.push('[Connector] TlsCert and TlsKey must be set together (a certificate and its private key)');
  }
  if (!isValidListenAddress(listen)) {
    reader.problems.push(`[Connector] Listen must be an IP address or host name (IPv6 without brackets), got '${listen}'`);
  } else if (!isLoopback(listen) && tlsCert === undefined && !allowInsecureNetwork) {
    reader.problems.push(
      `[Connector] Listen=${listen} exposes the connector on the network: set TlsCert and TlsKey, or AllowInsecureNetwork=yes to accept plain HTTP`,
    );
  }
  return { listen, port, tlsCert, tlsKey, allowInsecureNetwork, dataDir, journalDir, logLevel, simulator, simulatorPort, simulatorControlPort, simulatorCallsPerMinute };
}

export function isLoopback(address: string): boolean {
  const a = address.toLowerCase();
  return a === 'localhost' || a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** A host name, an IPv4 or an IPv6 address, written without brackets (as Node's listen() takes it). */
function isValidListenAddress(address: string): boolean {
  return /^[A-Za-z0-9.\-:]+$/.test(address);
}
