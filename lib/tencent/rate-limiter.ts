import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { TencentConfigurationError } from './errors';

/**
 * Hands out permission to send one request of an action. Tencent's quota is per account and
 * action, so one limiter serves every client of a process.
 */
export interface RateLimiter {
  /**
   * Resolves when one more request of `action` may be sent, with the function to call once its
   * answer is in (or it failed): until then the request counts as if it were being sent now.
   */
  acquire(action: string): Promise<Release>;
}

export type Release = () => void;

/** Tencent's limit for the actions used here: 20 requests a second per account and action. */
export const TENCENT_REQUESTS_PER_SECOND_LIMIT = 20;

/**
 * What a run of this service sends at most, per action and sliding second, unless
 * `TENCENT_REQUESTS_PER_SECOND` says otherwise: a quarter of Tencent's quota stays free for the
 * customer's own tools, which draw on the same quota.
 */
export const DEFAULT_REQUESTS_PER_SECOND = 15;

export const REQUESTS_PER_SECOND_VARIABLE = 'TENCENT_REQUESTS_PER_SECOND';

const WINDOW_MS = 1000;

export interface SlidingWindowOptions {
  /** Requests of one action in any one-second window; {@link DEFAULT_REQUESTS_PER_SECOND} by default. */
  requestsPerSecond?: number;
  /** Milliseconds, monotonic; injectable so tests need no real time. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Lane {
  /** Requests granted and not yet answered: they may reach Tencent at any moment. */
  inFlight: number;
  /** When each answer of the last second came in, oldest first. */
  answered: number[];
  /** Callers waiting for their turn, first come first served. */
  waiting: ((release: Release) => void)[];
  /** A timer is set for the moment the oldest answer leaves the window. */
  timed: boolean;
}

/**
 * At most `requestsPerSecond` requests of each action in every sliding one-second window, as
 * Tencent counts them (DESIGN.md, "Tencent's API quota is shared").
 *
 * Tencent stamps a request somewhere between the moment it was sent and the moment its answer
 * came back. So a request counts from when it is granted until one second after its answer:
 *
 *   granted ──── sent ···· Tencent stamps it ···· answered ────────── 1 s ──────────┤ leaves
 *
 * A new request is granted only while fewer than the limit are in flight or were answered within
 * the last second. Any request Tencent stamped within a second before the new one's stamp was
 * answered after the new one was granted (or is still in flight), so it was counted: however the
 * network and the machine delay them, and a burst after a pause included, Tencent never sees more
 * than the limit in one second. (A token bucket lets a second's worth go at once and then refills,
 * so a window spanning the burst holds nearly twice the rate.)
 */
export class SlidingWindowLimiter implements RateLimiter {
  readonly requestsPerSecond: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly lanes = new Map<string, Lane>();

  constructor(options: SlidingWindowOptions = {}) {
    this.requestsPerSecond = options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
    if (!Number.isSafeInteger(this.requestsPerSecond) || this.requestsPerSecond < 1) {
      throw new RangeError('a rate limit is a whole number of requests a second, at least 1');
    }
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => delay(ms));
  }

  acquire(action: string): Promise<Release> {
    const lane = this.lanes.get(action) ?? { inFlight: 0, answered: [], waiting: [], timed: false };
    this.lanes.set(action, lane);
    const promise = new Promise<Release>((grant) => lane.waiting.push(grant));
    this.serve(lane);
    return promise;
  }

  private serve(lane: Lane): void {
    while (lane.waiting.length > 0) {
      const now = this.now();
      while (lane.answered.length > 0 && now - (lane.answered[0] as number) > WINDOW_MS) {
        lane.answered.shift();
      }
      if (lane.inFlight + lane.answered.length >= this.requestsPerSecond) {
        // Full: the next turn comes with an answer (its release serves again) or when the oldest
        // answer leaves the window.
        const oldest = lane.answered[0];
        if (oldest !== undefined && !lane.timed) {
          lane.timed = true;
          void this.sleep(oldest + WINDOW_MS + 1 - now).then(() => {
            lane.timed = false;
            this.serve(lane);
          });
        }
        return;
      }
      lane.inFlight += 1;
      (lane.waiting.shift() as (release: Release) => void)(this.releaser(lane));
    }
  }

  private releaser(lane: Lane): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      lane.inFlight -= 1;
      lane.answered.push(this.now());
      this.serve(lane);
    };
  }
}

/**
 * `TENCENT_REQUESTS_PER_SECOND`, validated: a whole number from 1 to Tencent's limit, or
 * {@link DEFAULT_REQUESTS_PER_SECOND} when unset. Read once, when a command or a function starts.
 */
export function requestsPerSecondFrom(env: Record<string, string | undefined>): number {
  const text = env[REQUESTS_PER_SECOND_VARIABLE]?.trim();
  if (!text) return DEFAULT_REQUESTS_PER_SECOND;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > TENCENT_REQUESTS_PER_SECOND_LIMIT) {
    throw new TencentConfigurationError(
      `Environment variable ${REQUESTS_PER_SECOND_VARIABLE} must be a whole number from 1 to ` +
        `${TENCENT_REQUESTS_PER_SECOND_LIMIT} (Tencent's limit per action), not "${text}"`,
    );
  }
  return value;
}
