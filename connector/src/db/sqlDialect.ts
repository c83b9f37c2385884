import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'mssql';

/**
 * What differs between SQLite and SQL Server, and nothing else: every query
 * is written once with Kysely, and asks this object only where the two
 * dialects really disagree.
 */
export interface SqlDialect {
  readonly name: DialectName;
  /** A UTC instant as the driver should bind it for a DATETIME2(3) column. */
  encodeTime(date: Date): string;
  /** `YYYY-MM-DDTHH` of a time column: the UTC hour it falls in. */
  utcHour(column: string): RawBuilder<string>;
  /** Most parameters one statement may carry (SQL Server allows 2,100). */
  readonly maxParameters: number;
  /** Whether a driver error says a unique key or index was violated. */
  isUniqueViolation(error: unknown): boolean;
  /** One page of an ordered query. */
  page<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, limit: number, offset: number): SelectQueryBuilder<DB, TB, O>;
}

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  // ISO 8601 with `Z`: sorts as text, and `new Date()` reads it back as UTC.
  encodeTime: (date) => date.toISOString(),
  utcHour: (column) => sql<string>`substr(${sql.ref(column)}, 1, 13)`,
  maxParameters: 32_000,
  isUniqueViolation: (error) =>
    errorProperty(error, 'code') === 'SQLITE_CONSTRAINT_UNIQUE' ||
    errorProperty(error, 'code') === 'SQLITE_CONSTRAINT_PRIMARYKEY',
  page: (query, limit, offset) => query.limit(limit).offset(offset),
};

export const mssqlDialect: SqlDialect = {
  name: 'mssql',
  // No zone suffix: SQL Server converts `YYYY-MM-DDThh:mm:ss.fff` to DATETIME2 under any
  // language or DATEFORMAT setting; the value is UTC by the connector's convention.
  encodeTime: (date) => date.toISOString().slice(0, 23),
  utcHour: (column) => sql<string>`CONVERT(CHAR(13), ${sql.ref(column)}, 126)`,
  maxParameters: 2_000,
  // 2627: violation of a UNIQUE/PRIMARY KEY constraint; 2601: duplicate key in a unique index.
  isUniqueViolation: (error) => {
    const number = errorProperty(error, 'number');
    return number === 2627 || number === 2601;
  },
  // OFFSET … FETCH NEXT (SQL Server 2012 and later) needs the ORDER BY the callers always give.
  page: (query, limit, offset) => query.offset(offset).fetch(limit),
};

function errorProperty(error: unknown, key: string): unknown {
  if (typeof error !== 'object' || error === null || !(key in error)) return undefined;
  return (error as Record<string, unknown>)[key];
}
