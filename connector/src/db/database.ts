import { mkdirSync } from 'node:fs';
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
  /** Runs the batches of one migration script and records it, all or nothing. */
  runMigration(batches: readonly string[], record: MigrationRecord): Promise<void>;
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): Database {
  return config.driver === 'sqlite' ? openSqlite(config.file) : openMssql(config);
}

export function openSqlite(file: string): Database {
  let handle: BetterSqlite3.Database;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    handle = new BetterSqlite3(file);
    handle.pragma('journal_mode = WAL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
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
    runMigration: (batches, record) => {
      const apply = handle.transaction(() => {
        for (const batch of batches) handle.exec(batch);
        handle
          .prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
          .run(record.version, record.name, record.checksum, sqliteDialect.encodeTime(record.appliedAt));
      });
      apply();
      return Promise.resolve();
    },
    close: () => db.destroy(),
  };
}

function openMssql(config: MssqlDatabaseConfig): Database {
  const dialect = new MssqlDialect({
    tarn: { ...tarn, options: { min: 0, max: 10 } },
    tedious: {
      ...tedious,
      connectionFactory: () =>
        new tedious.Connection({
          server: config.server,
          authentication: { type: 'default', options: { userName: config.user, password: config.password } },
          options: {
            database: config.database,
            encrypt: config.encrypt,
            trustServerCertificate: config.trustServerCertificate,
            ...(config.instance === undefined ? { port: config.port ?? 1433 } : { instanceName: config.instance }),
            connectTimeout: 15_000,
            requestTimeout: 30_000,
            useUTC: true,
          },
        }),
    },
  });
  return withKyselyMigrations(new Kysely<ErpDatabase>({ dialect }), mssqlDialect);
}

/** A database whose migrations run as plain batches through Kysely (SQL Server, and its compile-only twin in tests). */
export function withKyselyMigrations(db: Kysely<ErpDatabase>, dialect: SqlDialect): Database {
  return {
    db,
    dialect,
    runMigration: (batches, record) =>
      db.transaction().execute(async (trx) => {
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
      }),
    close: () => db.destroy(),
  };
}
