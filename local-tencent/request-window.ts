/** Tencent counts requests over a sliding second, not in whole clock seconds. */
export const WINDOW_MS = 1000;

/**
 * Tencent's rate limit: so many requests per account and action in any one second (a sliding
 * window: a burst at the end of one clock second and another at the start of the next are counted
 * together, as Tencent does). A request beyond it is refused (`RequestLimitExceeded`), not queued,
 * and does not count: only the requests served use the quota.
 */
export class SlidingWindowLimit {
  /** When each served request of the last second was stamped, per key. */
  private readonly served = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Counts a request for `key`; false when it would be one too many for the last second. */
  allow(key: string): boolean {
    const now = this.now();
    // A stamp ahead of the clock (a test set the clock back) still counts: strict, never lenient.
    const recent = (this.served.get(key) ?? []).filter((stamp) => now - stamp < WINDOW_MS);
    this.served.set(key, recent);
    if (recent.length >= this.limit) return false;
    recent.push(now);
    return true;
  }

  clear(): void {
    this.served.clear();
  }
}
