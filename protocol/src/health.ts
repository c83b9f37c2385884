/**
 * `GET /health`: public, says what runs and whether it is connected, and
 * nothing secret (no host names of the database, no credentials).
 */
export type AmiState = 'not-started' | 'connecting' | 'connected' | 'failed' | 'disconnected';

export interface ExchangeHealth {
  readonly id: number;
  readonly name: string;
  readonly ami: { readonly state: AmiState; readonly since: string | null; readonly reason: string | null };
}

export interface HealthReport {
  /** `ok` when the database and every exchange are connected. */
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly uptimeSeconds: number;
  readonly database: { readonly driver: 'sqlite' | 'mssql'; readonly state: 'up' | 'down'; readonly reason: string | null };
  readonly exchanges: readonly ExchangeHealth[];
}

const AMI_STATES: readonly string[] = ['not-started', 'connecting', 'connected', 'failed', 'disconnected'];

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Checks a health report received from a connector (the clients show it); `unknown` in, typed out. */
export function parseHealthReport(input: unknown): ParseResult<HealthReport> {
  if (!isRecord(input)) return fail('a health report is an object');
  const { status, version, uptimeSeconds, database, exchanges } = input;
  if (status !== 'ok' && status !== 'degraded') return fail('status must be ok or degraded');
  if (typeof version !== 'string') return fail('version must be text');
  if (typeof uptimeSeconds !== 'number' || !(uptimeSeconds >= 0)) return fail('uptimeSeconds must be a number from 0');
  if (!isRecord(database)) return fail('database must be an object');
  if (database['driver'] !== 'sqlite' && database['driver'] !== 'mssql') return fail('database.driver must be sqlite or mssql');
  if (database['state'] !== 'up' && database['state'] !== 'down') return fail('database.state must be up or down');
  if (!isTextOrNull(database['reason'])) return fail('database.reason must be text or null');
  if (!Array.isArray(exchanges)) return fail('exchanges must be a list');
  const parsed: ExchangeHealth[] = [];
  for (const [i, e] of exchanges.entries()) {
    if (!isRecord(e) || typeof e['id'] !== 'number' || typeof e['name'] !== 'string' || !isRecord(e['ami'])) {
      return fail(`exchanges[${i}] needs id, name and ami`);
    }
    const ami = e['ami'];
    const state = ami['state'];
    if (typeof state !== 'string' || !AMI_STATES.includes(state)) return fail(`exchanges[${i}].ami.state is not a known state`);
    if (!isTextOrNull(ami['since']) || !isTextOrNull(ami['reason'])) return fail(`exchanges[${i}].ami.since and reason must be text or null`);
    parsed.push({ id: e['id'], name: e['name'], ami: { state: state as AmiState, since: ami['since'], reason: ami['reason'] } });
  }
  return {
    ok: true,
    value: {
      status, version, uptimeSeconds,
      database: { driver: database['driver'], state: database['state'], reason: database['reason'] },
      exchanges: parsed,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTextOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
