import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, MssqlDialect, SqliteDialect, sql } from 'kysely';
import * as tarn from 'tarn';
import * as tedious from 'tedious';
import type { DatabaseConfig, MssqlDatabaseConfig } from '../config/k2Config.js';
import { ConnectorError, describeError } from '../errors.js';
import type { ErpDatabase } from './schema.js';
import { mssqlDialect, sqliteDialect, type SqlDialect } from './sqlDialect.js';

export interface MigrationRecord {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly appliedAt: Date;
}

/** One open ERP database, whichever the backend: the typed query builder plus what differs. */
export interface Database {
  readonly db: Kysely<ErpDatabase>;
  readonly dialect: SqlDialect;
  /**
   * Runs the batches of one migration script and records it, all or nothing,
   * under a lock that serializes connectors migrating the same database at
   * once. False when another connector had applied it by the time the lock
   * was ours.
   */
  runMigration(batches: readonly string[], record: MigrationRecord): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** False for commands that only read or that need a migrated database: a missing SQLite file is then an error, not created. */
  readonly create: boolean;
  /**
   * SQLite: how long a statement waits for another connection's lock. The
   * wait blocks the event loop (better-sqlite3 is synchronous), so the
   * service keeps it short and retries instead; tools wait longer.
   */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens the configured database. A SQL Server is asked one trivial query
 * first, so that an unreachable or refusing server is one clear error at
 * once rather than a pool that keeps retrying.
 */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions): Promise<Database> {
  if (config.driver === 'sqlite') return openSqlite(config.file, options);
  const database = openMssql(config);
  try {
    await sql`SELECT 1 AS one`.execute(database.db);
  } catch (error) {
    await database.close().catch(() => undefined);
    const where = config.instance === undefined ? `${config.server}:${String(config.port ?? 1433)}` : `${config.server}\\${config.instance}`;
    throw new ConnectorError('DB_UNAVAILABLE', `cannot connect to SQL Server ${where}, database ${config.database}: ${mssqlReason(error)}`, { cause: error });
  }
  return database;
}

/** tedious's messages, made plain: "Could not connect (sequence)" says nothing to an admin. */
function mssqlReason(error: unknown): string {
  const text = describeError(error);
  if (/Login failed/i.test(text)) return `login failed for the user in [Database] User (${text})`;
  if (/ENOTFOUND|getaddrinfo/i.test(text)) return 'the host name is not known (check [Database] Server)';
  if (/Could not connect|ECONNREFUSED/i.test(text)) return 'nothing accepts connections there (check [Database] Server, Port or Instance, and that SQL Server listens on TCP)';
  if (/timeout|ETIMEDOUT/i.test(text)) return 'no answer in time (a firewall, or a wrong host)';
  return text;
}

export function openSqlite(file: string, options: OpenOptions = { create: true }): Database {
  let handle: BetterSqlite3.Database;
  if (!options.create && file !== ':memory:' && !existsSync(file)) {
    throw new ConnectorError('DB_NOT_MIGRATED', `the SQLite database ${file} does not exist yet`);
  }
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    handle = new BetterSqlite3(file);
    handle.pragma('journal_mode = WAL');
    handle.pragma('foreign_keys = ON');
    handle.pragma(`busy_timeout = ${String(Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000)))}`);
  } catch (error) {
    throw new ConnectorError('DB_UNAVAILABLE', `cannot open the SQLite database ${file}: ${describeError(error)}`, {
      cause: error,
    });
  }
  const db = new Kysely<ErpDatabase>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    db,
    dialect: sqliteDialect,
    // better-sqlite3 runs a multi-statement script only through exec(), outside Kysely.
    // BEGIN IMMEDIATE takes the write lock first, so the "already applied?" check cannot race.
    runMigration: (batches, record) => {
      const apply = handle.transaction((): boolean => {
        if (handle.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(record.version) !== undefined) return false;
        for (const batch of batches) handle.exec(batch);
        handle
          .prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
          .run(record.version, record.name, record.checksum, sqliteDialect.encodeTime(record.appliedAt));
        return true;
      });
      return Promise.resolve(apply.immediate());
    },
    close: () => db.destroy(),
  };
}

function openMssql(config: MssqlDatabaseConfig): Database {
  const dialect = new MssqlDialect({
    // propagateCreateError: a refused connection fails the query at once (tarn's default retries for 30 s in silence).
    tarn: { ...tarn, options: { min: 0, max: 10, propagateCreateError: true, acquireTimeoutMillis: 20_000 } },
    tedious: {
      ...tedious,
      connectionFactory: () =>
        new tedious.Connection({
          server: config.server,
          authentication: { type: 'default', options: { userName: config.user, password: config.password.reveal() } },
          options: {
            database: config.database,
            encrypt: config.encrypt,
            trustServerCertificate: config.trustServerCertificate,
            ...(config.instance === undefined ? { port: config.port ?? 1433 } : { instanceName: config.instance }),
            connectTimeout: 15_000,
            requestTimeout: 30_000,
            useUTC: true,
            // Statement errors (a unique-key violation the call-history write expects) leave the transaction alive.
            abortTransactionOnError: false,
            // Kysely quotes identifiers with "…"; the filtered index needs it too.
            enableQuotedIdentifier: true,
          },
        }),
    },
  });
  return withKyselyMigrations(new Kysely<ErpDatabase>({ dialect }), mssqlDialect);
}

/**
 * A database whose migrations run as plain batches through Kysely (SQL
 * Server, and its compile-only twin in tests), each in a transaction that
 * first takes an exclusive application lock.
 */
export function withKyselyMigrations(db: Kysely<ErpDatabase>, dialect: SqlDialect): Database {
  return {
    db,
    dialect,
    runMigration: (batches, record) =>
      db.transaction().execute(async (trx) => {
        await sql`DECLARE @lock INT;
EXEC @lock = sp_getapplock @Resource = N'contact-center-schema-migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 60000;
IF @lock < 0 THROW 50001, N'another connector holds the migration lock for more than 60 s', 1;`.execute(trx);
        const done = await trx.selectFrom('schema_migrations').select('version').where('version', '=', record.version).executeTakeFirst();
        if (done !== undefined) return false;
        for (const batch of batches) await sql.raw(batch).execute(trx);
        await trx
          .insertInto('schema_migrations')
          .values({
            version: record.version,
            name: record.name,
            checksum: record.checksum,
            applied_at: dialect.encodeTime(record.appliedAt),
          })
          .execute();
        return true;
      }),
    close: () => db.destroy(),
  };
}
