/**
 * Central European time without a time-zone database (pure): UTC+1, and
 * UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October (the EU rule in force since 1996).
 */
export function centralEuropeanOffsetHours(utcMillis: number): number {
  const year = new Date(utcMillis).getUTCFullYear();
  const start = lastSundayAt1Utc(year, 2);
  const end = lastSundayAt1Utc(year, 9);
  return utcMillis >= start && utcMillis < end ? 2 : 1;
}

/** The UTC instant of a wall-clock time in Prague (the hour of a spring-forward gap moves on). */
export function pragueToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const asUtc = Date.UTC(year, month, day, hour, minute, second);
  const guess = asUtc - centralEuropeanOffsetHours(asUtc) * 3_600_000;
  return asUtc - centralEuropeanOffsetHours(guess) * 3_600_000;
}

function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month, sunday, 1, 0, 0);
}
