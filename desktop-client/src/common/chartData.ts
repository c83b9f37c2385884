import type { CallStats } from '@cc/protocol';

/**
 * The two K2 charts' data (pure): every day of the period, also those
 * without calls (a gap in a line chart would lie), and talk time by partner
 * in minutes, the longest first.
 */
export interface DayRow {
  readonly day: string;
  readonly received: number;
  readonly missed: number;
  readonly outgoing: number;
}

export function everyDay(byDay: CallStats['byDay'], lastDay: string, days: number): DayRow[] {
  const known = new Map(byDay.map((d) => [d.day, d]));
  const rows: DayRow[] = [];
  const end = Date.parse(`${lastDay}T12:00:00Z`);
  for (let i = days - 1; i >= 0; i -= 1) {
    const day = new Date(end - i * 86_400_000).toISOString().slice(0, 10);
    const found = known.get(day);
    rows.push({ day, received: found?.received ?? 0, missed: found?.missed ?? 0, outgoing: found?.outgoing ?? 0 });
  }
  return rows;
}

export function partnerMinutes(byPartner: CallStats['byPartner'], top: number): { readonly partner: string; readonly minutes: number }[] {
  return [...byPartner]
    .sort((a, b) => b.talkSeconds - a.talkSeconds)
    .slice(0, top)
    .map((p) => ({ partner: p.partnerName, minutes: Math.round(p.talkSeconds / 6) / 10 }));
}
