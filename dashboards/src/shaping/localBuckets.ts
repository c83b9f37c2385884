import type { CallType, HistoryBucket } from '@cc/protocol';

/**
 * Line-load shaping (pure): the connector aggregates by UTC hour, which is
 * the same on SQLite and SQL Server; the charts want local months and hours
 * of the day, which depend on the time zone and its summer time.
 */
export type TypeCounts = Record<CallType, number>;

export interface LineLoad {
  /** Calls per local month `YYYY-MM`, in month order. */
  readonly byMonth: readonly { readonly month: string; readonly counts: TypeCounts }[];
  /** Calls per local hour of the day, 0–23. */
  readonly byHourOfDay: readonly TypeCounts[];
}

export function lineLoad(buckets: readonly HistoryBucket[], timeZone: string, options: { includeInternal: boolean }): LineLoad {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', hour: '2-digit', hourCycle: 'h23' });
  const months = new Map<string, TypeCounts>();
  const hours = Array.from({ length: 24 }, zero);
  const localOf = new Map<string, { month: string; hour: number }>();

  for (const bucket of buckets) {
    if (bucket.internal && !options.includeInternal) continue;
    let local = localOf.get(bucket.utcHour);
    if (local === undefined) {
      const parts = format.formatToParts(new Date(`${bucket.utcHour}:00:00Z`));
      const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
      local = { month: `${part('year')}-${part('month')}`, hour: Number(part('hour')) };
      localOf.set(bucket.utcHour, local);
    }
    const month = months.get(local.month) ?? zero();
    month[bucket.type] += bucket.calls;
    months.set(local.month, month);
    const hour = hours[local.hour];
    if (hour !== undefined) hour[bucket.type] += bucket.calls;
  }
  return {
    byMonth: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, counts]) => ({ month, counts })),
    byHourOfDay: hours,
  };
}

function zero(): TypeCounts {
  return { received: 0, missed: 0, outgoing: 0 };
}
