import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { describeError } from '../errors.js';

/** Whether the database answers a trivial query within the time limit. */
export async function probeDatabase(database: Database, timeoutMs: number): Promise<{ up: boolean; reason: string | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([sql`SELECT 1 AS one`.execute(database.db), timeout]);
    return { up: true, reason: null };
  } catch (error) {
    return { up: false, reason: describeError(error) };
  } finally {
    clearTimeout(timer);
  }
}
