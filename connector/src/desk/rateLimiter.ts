/**
 * At most `limit` actions per key in any `windowMs` (a sliding window). Pure:
 * the time comes in with each call.
 */
export class RateLimiter {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** Counts the action and returns 0, or returns how many ms to wait (and counts nothing). */
  take(key: string, nowMs: number): number {
    const recent = (this.times.get(key) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.times.set(key, recent);
      return Math.max(1, (recent[0] ?? nowMs) + this.windowMs - nowMs);
    }
    recent.push(nowMs);
    this.times.set(key, recent);
    return 0;
  }
}
