import { sql } from 'kysely';
import { ConnectorError, describeError } from '../errors.js';
import type { Database } from './database.js';
import type { MigrationFile } from './migrationFiles.js';
import type { DialectName } from './sqlDialect.js';

/** The table that records applied migrations, created before the first one runs. */
export const MIGRATIONS_TABLE_DDL: Record<DialectName, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INT NOT NULL PRIMARY KEY,
  name NVARCHAR(100) NOT NULL,
  checksum NVARCHAR(64) NOT NULL,
  applied_at DATETIME2(3) NOT NULL
)`,
  mssql: `IF OBJECT_ID(N'schema_migrations', N'U') IS NULL
CREATE TABLE schema_migrations (
  version INT NOT NULL PRIMARY KEY,
  name NVARCHAR(100) NOT NULL,
  checksum NVARCHAR(64) NOT NULL,
  applied_at DATETIME2(3) NOT NULL
)`,
};

export interface MigrationPlan {
  readonly applied: readonly MigrationFile[];
  readonly pending: readonly MigrationFile[];
}

/**
 * Compares the scripts with what the database has recorded, and refuses a
 * history that does not fit. Reads only: a database never migrated has no
 * schema_migrations table yet, and keeps it that way.
 */
export async function planMigrations(database: Database, files: readonly MigrationFile[]): Promise<MigrationPlan> {
  const tables = await database.db.introspection.getTables();
  const recorded = tables.some((t) => t.name === 'schema_migrations')
    ? await database.db.selectFrom('schema_migrations').select(['version', 'name', 'checksum']).orderBy('version').execute()
    : [];

  const byVersion = new Map(files.map((f) => [f.version, f]));
  for (const row of recorded) {
    const file = byVersion.get(row.version);
    if (file === undefined) {
      throw new ConnectorError(
        'DB_MIGRATION_FAILED',
        `the database has migration ${pad(row.version)}_${row.name}, which this connector does not know: it is newer than this connector`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new ConnectorError(
        'DB_MIGRATION_FAILED',
        `migration ${pad(file.version)}_${file.name} was changed after it was applied to this database; add a new migration instead`,
      );
    }
  }
  const done = new Set(recorded.map((r) => r.version));
  return {
    applied: files.filter((f) => done.has(f.version)),
    pending: files.filter((f) => !done.has(f.version)),
  };
}

/** Applies every pending migration in order, each in its own transaction. Returns what was applied. */
export async function migrate(database: Database, files: readonly MigrationFile[], now: () => Date): Promise<MigrationFile[]> {
  await sql.raw(MIGRATIONS_TABLE_DDL[database.dialect.name]).execute(database.db);
  const plan = await planMigrations(database, files);
  const applied: MigrationFile[] = [];
  for (const file of plan.pending) {
    let ran: boolean;
    try {
      ran = await database.runMigration(file.batches, {
        version: file.version,
        name: file.name,
        checksum: file.checksum,
        appliedAt: now(),
      });
    } catch (error) {
      throw new ConnectorError(
        'DB_MIGRATION_FAILED',
        `migration ${pad(file.version)}_${file.name} failed and was rolled back: ${describeError(error)}`,
        { cause: error },
      );
    }
    if (ran) applied.push(file);
  }
  return applied;
}

export function migrationLabel(file: MigrationFile): string {
  return `${pad(file.version)}_${file.name}`;
}

function pad(version: number): string {
  return String(version).padStart(4, '0');
}
