import { ParkReason, type PublishFailure } from '../record/record';

/**
 * How often a record the bus refuses is tried again before it is parked. The republisher runs
 * every 5 minutes; the waits double from 5 minutes to at most an hour (5, 10, 20, 40, 60, 60, ...),
 * so 10 attempts span about 6 hours: long enough to outlast a passing fault of the bus, short
 * enough that a record it will never take stops being retried the same day and is shown to a person.
 */
export const MAX_PUBLISH_ATTEMPTS = 10;
export const FIRST_RETRY_SECONDS = 300;
export const MAX_RETRY_SECONDS = 3600;

/**
 * What to record after the bus refused a record for the `attempts`-th time: when to try again,
 * or, after the last attempt or a refusal no retry can change, that it is parked.
 */
export function afterRefusal(
  attempts: number,
  refusal: { error: string; retryable: boolean },
  now: Date,
): PublishFailure {
  const failure = { attempts, lastError: refusal.error, failedAt: now.toISOString() };
  if (!refusal.retryable) {
    return { ...failure, parked: { at: now.toISOString(), reason: ParkReason.permanentError } };
  }
  if (attempts >= MAX_PUBLISH_ATTEMPTS) {
    return { ...failure, parked: { at: now.toISOString(), reason: ParkReason.tooManyAttempts } };
  }
  const wait = Math.min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), MAX_RETRY_SECONDS);
  return { ...failure, nextAttemptAt: new Date(now.getTime() + wait * 1000).toISOString() };
}
