import { setTimeout as delay } from 'node:timers/promises';

/** Hands out permission to send one request; shared by every client of a run. */
export interface RateLimiter {
  /** Resolves when one more request may be sent. */
  take(): Promise<void>;
}

export interface TokenBucketOptions {
  /** Requests a second in the long run. Tencent allows 20 for the history actions. */
  ratePerSecond?: number;
  /** How many may go at once after a quiet spell; the rate by default (one second's worth). */
  capacity?: number;
  /** Milliseconds; injectable so tests need no real time. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_REQUESTS_PER_SECOND = 20;

/**
 * A token bucket: refills at `ratePerSecond`, holds at most `capacity`. A caller that finds it
 * empty takes a token on credit and waits until the bucket has earned it back, so concurrent
 * callers are served in the order they asked, each at its own reserved time.
 */
export class TokenBucket implements RateLimiter {
  private readonly rate: number;
  private readonly capacity: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private tokens: number;
  private updatedAt: number;

  constructor(options: TokenBucketOptions = {}) {
    this.rate = options.ratePerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
    this.capacity = options.capacity ?? this.rate;
    if (!(this.rate > 0) || !(this.capacity >= 1)) {
      throw new RangeError('a token bucket needs a positive rate and a capacity of at least 1');
    }
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    this.tokens = this.capacity;
    this.updatedAt = this.now();
  }

  async take(): Promise<void> {
    const now = this.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.updatedAt) * this.rate) / 1000,
    );
    this.updatedAt = now;
    this.tokens -= 1;
    // Negative tokens are a debt: the time until it is paid back is this caller's wait.
    if (this.tokens < 0) await this.sleep((-this.tokens * 1000) / this.rate);
  }
}
