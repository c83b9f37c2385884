/**
 * Slows down guessing: after a few failed logins for the same user name or
 * from the same address, the next attempt must wait, twice as long after
 * each further failure (up to a cap). A success clears the user name's
 * count. Pure: the time comes in with each call.
 */
export interface ThrottleOptions {
  /** Failures allowed before waiting starts. */
  readonly freeFailures: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** A key with no failure for this long is forgotten. */
  readonly forgetAfterMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { freeFailures: 3, firstDelayMs: 1_000, maxDelayMs: 5 * 60_000, forgetAfterMs: 15 * 60_000 };

interface Entry {
  failures: number;
  lastFailureMs: number;
  blockedUntilMs: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {}

  /** Milliseconds to wait before an attempt with these keys (user name, address) may be checked; 0 = go. */
  waitMs(keys: readonly string[], nowMs: number): number {
    let wait = 0;
    for (const key of keys) {
      const entry = this.current(key, nowMs);
      if (entry !== undefined) wait = Math.max(wait, entry.blockedUntilMs - nowMs);
    }
    return Math.max(0, wait);
  }

  failed(keys: readonly string[], nowMs: number): void {
    for (const key of keys) {
      const entry = this.current(key, nowMs) ?? { failures: 0, lastFailureMs: nowMs, blockedUntilMs: 0 };
      entry.failures += 1;
      entry.lastFailureMs = nowMs;
      const over = entry.failures - this.options.freeFailures;
      if (over >= 0) entry.blockedUntilMs = nowMs + Math.min(this.options.maxDelayMs, this.options.firstDelayMs * 2 ** Math.min(over, 30));
      this.entries.set(key, entry);
    }
    if (this.entries.size > 10_000) this.sweep(nowMs);
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }

  /** Takes back one failure counted for an attempt that then succeeded (an address others share). */
  forgiveOne(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    entry.failures -= 1;
    if (entry.failures <= 0) this.entries.delete(key);
    else if (entry.failures < this.options.freeFailures) entry.blockedUntilMs = 0;
  }

  private current(key: string, nowMs: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined && nowMs - entry.lastFailureMs > this.options.forgetAfterMs && nowMs >= entry.blockedUntilMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(nowMs: number): void {
    for (const key of [...this.entries.keys()]) this.current(key, nowMs);
  }
}
