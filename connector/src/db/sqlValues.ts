/**
 * Turns the values the two drivers return into plain domain values, and
 * domain values into what both drivers accept. Pure.
 */

/** SQLite returns 0/1 for BIT columns, tedious returns booleans. */
export function toBool(value: number | boolean | bigint): boolean {
  return value === true || value === 1 || value === 1n;
}

export function fromBool(value: boolean): number {
  return value ? 1 : 0;
}

/** SQLite returns the ISO text that was written, tedious returns a Date (UTC). */
export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toDateOrNull(value: string | Date | null): Date | null {
  return value === null ? null : toDate(value);
}

/** DECIMAL columns come back as numbers from both drivers; text is accepted for safety. */
export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}
