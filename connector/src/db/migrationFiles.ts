import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DialectName } from './sqlDialect.js';

export interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly batches: readonly string[];
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The numbered scripts of one dialect (`sql/<dialect>/NNNN_name.sql`), in order. */
export function readMigrationFiles(sqlRoot: string, dialect: DialectName): MigrationFile[] {
  const folder = path.join(sqlRoot, dialect);
  return readdirSync(folder)
    .filter((file) => FILE_NAME.test(file))
    .sort()
    .map((file) => {
      const match = FILE_NAME.exec(file);
      const text = readFileSync(path.join(folder, file), 'utf8');
      return {
        version: Number(match?.[1]),
        name: match?.[2] ?? file,
        checksum: createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex'),
        batches: splitBatches(text, dialect),
      };
    });
}

/**
 * SQL Server scripts are cut into batches at `GO` lines, as sqlcmd and SSMS
 * do; a SQLite script runs whole.
 */
export function splitBatches(text: string, dialect: DialectName): string[] {
  if (dialect === 'sqlite') return [text];
  return text
    .split(/^[ \t]*GO[ \t]*;?[ \t]*$/im)
    .map((batch) => batch.trim())
    .filter((batch) => batch.replace(/--.*$/gm, '').trim() !== '');
}
