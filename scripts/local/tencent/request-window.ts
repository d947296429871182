/**
 * Tencent's rate limit: so many requests a second per account and action, counted in whole
 * seconds; a request beyond it is refused (`RequestLimitExceeded`), not queued.
 */
export class PerSecondLimit {
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Counts a request for `key`; false when it is one too many for the current second. */
  allow(key: string): boolean {
    const second = Math.floor(this.now() / 1000);
    const window = this.windows.get(key);
    if (!window || window.second !== second) {
      this.windows.set(key, { second, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.limit;
  }

  clear(): void {
    this.windows.clear();
  }
}
