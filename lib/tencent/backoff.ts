import { setTimeout as delay } from 'node:timers/promises';

export interface BackoffOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** The first retry waits between half of this and all of it; each later one twice as long. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); injectable so tests see fixed delays. */
  random?: () => number;
}

/**
 * Tencent counts requests over a sliding second: the first retry waits at least 125 ms and four
 * retries together at least 1.9 s, so a request it throttled (the account's other tools share the
 * quota) is sent again once the second that refused it has passed.
 */
export const DEFAULT_BACKOFF = { attempts: 6, baseDelayMs: 250, maxDelayMs: 8000 } as const;

/**
 * The wait before retry `retry` (1 for the first): exponential, capped, with "equal jitter" (half
 * fixed, half random), so clients throttled together spread out but each still waits long enough.
 */
export function backoffDelay(retry: number, options: BackoffOptions = {}): number {
  const base = options.baseDelayMs ?? DEFAULT_BACKOFF.baseDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** (retry - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Runs `operation` until it succeeds, fails with an error `isRetryable` refuses, or runs out. */
export async function withBackoff<T>(
  operation: () => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  options: BackoffOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_BACKOFF.attempts;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await sleep(backoffDelay(attempt, options));
    }
  }
}
