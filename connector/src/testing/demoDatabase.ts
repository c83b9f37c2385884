import path from 'node:path';
import { openSqlite, type Database } from '../db/database.js';
import { readMigrationFiles } from '../db/migrationFiles.js';
import { migrate } from '../db/migrations.js';
import { sqlRoot } from '../paths.js';
import { seedDemoData } from '../seed/seedDatabase.js';
import { makeTempDir } from './tempDir.js';

export const FIXED_NOW = new Date('2026-11-20T10:00:00.000Z');

/** A real SQLite file in a temp folder, migrated and (optionally) filled with the demo data. */
export async function openTestDatabase(options: { seed: boolean; historyCalls?: number }): Promise<{
  readonly database: Database;
  readonly file: string;
  cleanup(): Promise<void>;
}> {
  const temp = makeTempDir('db');
  const file = path.join(temp.dir, 'k2.sqlite');
  const database = openSqlite(file);
  await migrate(database, readMigrationFiles(sqlRoot, 'sqlite'), () => FIXED_NOW);
  if (options.seed) await seedDemoData(database, { historyCalls: options.historyCalls ?? 0, until: FIXED_NOW });
  return {
    database,
    file,
    cleanup: async () => {
      await database.close();
      temp.remove();
    },
  };
}
