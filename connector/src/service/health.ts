import type { AmiState, ExchangeHealth, HealthReport } from '@cc/protocol';

export interface ExchangeStatus {
  readonly id: number;
  readonly name: string;
  readonly state: AmiState | 'connecting' | 'connected' | 'failed' | 'disconnected';
  readonly since: Date | null;
  readonly reason: string | null;
}

/** The public health report from what the service knows now (pure). */
export function buildHealthReport(input: {
  readonly version: string;
  readonly uptimeSeconds: number;
  readonly driver: 'sqlite' | 'mssql';
  readonly databaseUp: boolean;
  readonly databaseReason: string | null;
  readonly exchanges: readonly ExchangeStatus[];
}): HealthReport {
  const exchanges: ExchangeHealth[] = input.exchanges.map((e) => ({
    id: e.id,
    name: e.name,
    ami: { state: e.state, since: e.since?.toISOString() ?? null, reason: e.reason },
  }));
  const allConnected = exchanges.every((e) => e.ami.state === 'connected');
  return {
    status: input.databaseUp && allConnected ? 'ok' : 'degraded',
    version: input.version,
    uptimeSeconds: Math.floor(input.uptimeSeconds),
    database: { driver: input.driver, state: input.databaseUp ? 'up' : 'down', reason: input.databaseUp ? null : input.databaseReason },
    exchanges,
  };
}
