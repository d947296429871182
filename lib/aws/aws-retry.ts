import type { AwsJsonErrorDetails } from './aws-json-error';

/**
 * Error codes that mean "slow down", not "you are wrong": the service did not do the work, and
 * the same request succeeds later. DynamoDB, SSM and EventBridge use these.
 */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/**
 * The SDK's standard retry delays: full jitter over an exponential ceiling, from 100 ms (500 ms
 * when throttled: hammering a throttled table makes it worse). With the callback's two or three
 * attempts, the ceilings (100 + 200 ms, or 500 + 1000 ms) stay well inside its 18 s budget.
 */
export const BACKOFF = {
  baseMs: 100,
  throttledBaseMs: 500,
  maxMs: 20_000,
} as const;

export function isThrottling(error: Pick<AwsJsonErrorDetails, 'code' | 'statusCode'>): boolean {
  return error.statusCode === 429 || THROTTLING_CODES.has(error.code);
}

/**
 * Worth another attempt: no answer (connection refused or cut, a timeout), a 5xx, or throttling.
 * Any other 4xx is the request's fault and fails the same way every time.
 */
export function isRetryable(
  error: Pick<AwsJsonErrorDetails, 'code' | 'statusCode' | 'networkError'>,
): boolean {
  return (
    error.networkError ||
    (error.statusCode !== undefined && error.statusCode >= 500) ||
    isThrottling(error)
  );
}

/**
 * The wait before attempt `attempt + 1` ("full jitter": uniformly between 0 and the ceiling, so
 * many clients retrying at once spread out instead of arriving together again).
 *
 * @param attempt the attempt that just failed, from 1
 * @param random a number in [0, 1), injectable for tests
 */
export function backoffDelayMs(attempt: number, throttled: boolean, random: () => number): number {
  const base = throttled ? BACKOFF.throttledBaseMs : BACKOFF.baseMs;
  const ceiling = Math.min(BACKOFF.maxMs, base * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
