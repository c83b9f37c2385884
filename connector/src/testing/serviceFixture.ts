import { pino } from 'pino';
import { loadConfig } from '../config/loadConfig.js';
import type { DeskSettings } from '../config/k2Config.js';
import { openSqlite, type Database } from '../db/database.js';
import { startService, type RunningService } from '../service/main.js';
import { makeTempDir } from './tempDir.js';

/** Polls until the probe gives a value (every 25 ms, up to 10 s). */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The embedded default in `dir` on free ports, with a quiet simulator (only the calls a test asks for), synced. */
export async function startedService(dir: string, desk: Partial<DeskSettings> = {}): Promise<RunningService> {
  const found = await loadConfig({ cwd: dir });
  const config = {
    ...found.config,
    connector: { ...found.config.connector, port: 0, simulatorListenPort: 0, simulatorCallsPerMinute: 0 },
    desk: { ...found.config.desk, ...desk },
  };
  const service = await startService({ ...found, config }, pino({ level: 'silent' }));
  await until('the recorder to be synced', () => (service.recorder.synced() ? true : undefined), 5_000);
  return service;
}

export interface ServiceUnderTest {
  readonly service: RunningService;
  /** The service's SQLite file, opened a second time for the test to look into. */
  readonly database: Database;
  readonly stop: () => Promise<void>;
}

/** startedService in a folder of its own, with the database open beside it; stop() takes it all down. */
export async function serviceUnderTest(prefix: string, desk: Partial<DeskSettings> = {}): Promise<ServiceUnderTest> {
  const temp = makeTempDir(prefix);
  const service = await startedService(temp.dir, desk);
  const database = openSqlite(`${temp.dir}/data/k2.sqlite`);
  return {
    service, database,
    stop: async () => {
      await database.close();
      await service.stop();
      temp.remove();
    },
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => null) };
}
