import {
  Kysely, MssqlAdapter, MssqlIntrospector, MssqlQueryCompiler,
  type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult,
} from 'kysely';
import { withKyselyMigrations, type Database } from '../db/database.js';
import type { ErpDatabase } from '../db/schema.js';
import { mssqlDialect } from '../db/sqlDialect.js';

/** A statement as SQL Server would receive it: T-SQL text and its parameters (@1, @2, …). */
export interface CapturedStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** Answers a captured statement: rows to return, or an error to throw (as tedious would). */
export type Responder = (statement: CapturedStatement) => { rows: unknown[] } | { error: Error };

/**
 * The real SQL Server path up to the wire: the same repository functions,
 * Kysely's mssql compiler and adapter, and a driver that records every
 * statement (with BEGIN/COMMIT/ROLLBACK) instead of sending it over TDS.
 */
export function compileOnlyMssql(respond: Responder = () => ({ rows: [] })): { database: Database; statements: CapturedStatement[] } {
  const statements: CapturedStatement[] = [];
  const run = (query: CompiledQuery): QueryResult<unknown> => {
    const statement = { sql: query.sql, parameters: query.parameters };
    statements.push(statement);
    const answer = respond(statement);
    if ('error' in answer) throw answer.error;
    return { rows: answer.rows };
  };
  const connection: DatabaseConnection = {
    executeQuery: <R>(query: CompiledQuery) => Promise.resolve(run(query) as QueryResult<R>),
    streamQuery: <R>(): AsyncIterableIterator<QueryResult<R>> => {
      throw new Error('streaming is not used by the connector');
    },
  };
  const control = (sql: string): Promise<void> => {
    statements.push({ sql, parameters: [] });
    return Promise.resolve();
  };
  const driver: Driver = {
    init: () => Promise.resolve(),
    acquireConnection: () => Promise.resolve(connection),
    beginTransaction: () => control('BEGIN TRANSACTION'),
    commitTransaction: () => control('COMMIT'),
    rollbackTransaction: () => control('ROLLBACK'),
    releaseConnection: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
  };
  const db = new Kysely<ErpDatabase>({
    dialect: {
      createAdapter: () => new MssqlAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new MssqlIntrospector(k),
      createQueryCompiler: () => new MssqlQueryCompiler(),
    },
  });
  return { database: withKyselyMigrations(db, mssqlDialect), statements };
}
