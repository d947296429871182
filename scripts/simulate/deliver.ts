import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_SIGN_TTL_SECONDS, signCallback } from '../../lib/callback/sign-callback';
import { SIMULATED_EVENTS } from './events';
import type { SimulatedCallback } from './session';

/** Tencent sends a push's callbacks as their events happen; the simulator, this far apart. */
export const CALLBACK_GAP_MS = 1000;

/** Where one callback goes, and the key it is signed with ("" : Tencent sends it unsigned). */
export interface Destination {
  url: string;
  key: string;
}

/** What the receiver answered: no status when there was no answer in time, or no connection. */
export interface HttpAnswer {
  status?: number;
  body: string;
  /** Why there is no answer (`no answer within 20 s`, `ECONNREFUSED`). */
  error?: string;
}

export interface AttemptReport {
  callback: SimulatedCallback;
  /** 1 for the first delivery. */
  attempt: number;
  /** The most there can be: 1 + the event type's retries. */
  attempts: number;
  /** Milliseconds. */
  sentAt: number;
  answeredAt: number;
  /** The body as sent, signed: what Tencent's history shows. It holds `sign`: never print it. */
  request: string;
  answer: HttpAnswer;
  /** The answer came, but counts as lost (`failFirst`): Tencent did not see it in time. */
  lost: boolean;
  /** Answered 200, and not lost: Tencent stops here. */
  succeeded: boolean;
  /** The wait before the next attempt, as simulated (before `speed`); none when this was the last. */
  nextInMs?: number;
}

export interface DeliveryOptions {
  /** Every wait (the gap between callbacks, the wait between retries) is divided by it. */
  speed: number;
  /** The first `failFirst` attempts of each callback count as unanswered, whatever the answer. */
  failFirst: number;
  /** Hears of every attempt; awaited before the callback goes on. */
  onAttempt: (report: AttemptReport) => void | Promise<void>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  post?: (url: string, body: string, timeoutMs: number) => Promise<HttpAnswer>;
}

export interface DeliveryResult {
  callback: SimulatedCallback;
  delivered: boolean;
  attempts: number;
}

/**
 * Plays callbacks as Tencent sends them: the n-th goes out n gaps after the first; each is retried
 * on its own (every minute, 12 times; screenshots every 2 minutes, 5 times) until it is answered
 * 200 within the timeout, then given up. Each attempt is signed afresh (`t` = send time + 600,
 * `sign` = md5(key + t)).
 */
export async function deliverCallbacks(
  deliveries: readonly { callback: SimulatedCallback; destination: Destination }[],
  options: DeliveryOptions,
): Promise<DeliveryResult[]> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const post = options.post ?? postJson;

  return Promise.all(
    deliveries.map(async ({ callback, destination }, index) => {
      await sleep((index * CALLBACK_GAP_MS) / options.speed);
      const { retry } = SIMULATED_EVENTS[callback.event];
      const attempts = 1 + retry.retries;
      for (let attempt = 1; ; attempt++) {
        const sentAt = now();
        const request = JSON.stringify(
          destination.key === ''
            ? callback.body
            : signCallback(
                callback.body,
                destination.key,
                Math.floor(sentAt / 1000) + DEFAULT_SIGN_TTL_SECONDS,
              ),
        );
        const answer = await post(destination.url, request, retry.timeoutMs);
        const lost = attempt <= options.failFirst;
        const succeeded = answer.status === 200 && !lost;
        const last = succeeded || attempt >= attempts;
        await options.onAttempt({
          callback,
          attempt,
          attempts,
          sentAt,
          answeredAt: now(),
          request,
          answer,
          lost,
          succeeded,
          ...(!last && { nextInMs: retry.everyMs }),
        });
        if (last) return { callback, delivered: succeeded, attempts: attempt };
        await sleep(retry.everyMs / options.speed);
      }
    }),
  );
}

/** POSTs JSON as Tencent does, waiting at most `timeoutMs` for the whole answer. */
export async function postJson(url: string, body: string, timeoutMs: number): Promise<HttpAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { body: '', error: reason(error, timeoutMs) };
  }
}

function reason(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  // fetch says "fetch failed"; what happened is in the cause (ECONNREFUSED, ENOTFOUND, ...).
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
