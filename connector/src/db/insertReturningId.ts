import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { ErpDatabase } from './schema.js';

/** The books whose rows get their id from the database (an identity column named `id`). */
type IdentityTable = 'partners' | 'contact_persons' | 'activities' | 'tasks' | 'notifications';

/**
 * Inserts one row and returns its new id, in both dialects. On SQL Server
 * the id goes OUTPUT … INTO a table variable: ERP databases often put
 * triggers on their books, and a bare OUTPUT is refused on a table with a
 * trigger (error 334). SQLite says RETURNING.
 */
export async function insertReturningId<T extends IdentityTable>(database: Database, db: Kysely<ErpDatabase>, table: T, row: Insertable<ErpDatabase[T]>): Promise<number> {
  const entries = Object.entries(row).filter(([, value]) => value !== undefined);
  const columns = sql.join(entries.map(([column]) => sql.ref(column)));
  const values = sql.join(entries.map(([, value]) => sql.val(value)));
  const query = database.dialect.name === 'mssql'
    ? sql<{ id: number }>`DECLARE @inserted TABLE (id INT);
INSERT INTO ${sql.table(table)} (${columns})
OUTPUT inserted.id INTO @inserted
VALUES (${values});
SELECT id FROM @inserted;`
    : sql<{ id: number }>`INSERT INTO ${sql.table(table)} (${columns}) VALUES (${values}) RETURNING id`;
  const id = (await query.execute(db)).rows[0]?.id;
  if (id === undefined) throw new Error(`no id came back for the new ${table} row`);
  return id;
}
