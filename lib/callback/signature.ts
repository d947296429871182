import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError, AuthenticationFailure } from '../errors';

/** How far past its expiry `t` may be, to absorb clock drift between Tencent and AWS. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
/** Tencent sets `t` to send time + 600 s; anything beyond an hour ahead is not a real sender. */
export const DEFAULT_MAX_LOOKAHEAD_SECONDS = 3600;

export interface SignedFields {
  sign?: unknown;
  t?: unknown;
}

export interface VerifyOptions {
  /** Unix time in seconds. */
  now: number;
  clockSkewSeconds?: number;
  maxLookaheadSeconds?: number;
}

/** `md5(key + t)` as lowercase hex: what Tencent puts in `sign`. */
export function computeSign(key: string, t: number | string): string {
  return createHash('md5').update(`${key}${t}`).digest('hex');
}

/**
 * Verifies Tencent's callback signature: `sign = md5(key + t)`, `t` an expiry Unix time.
 * Tries every key (several allow rotation), compares in constant time, accepts hex in any case.
 * Throws an {@link AuthenticationError} whose `reason` tells logs and metrics what failed.
 *
 * @example
 * verifySignature({ sign: body.sign, t: body.t }, ['key1'], { now: Date.now() / 1000 });
 */
export function verifySignature(
  fields: SignedFields,
  keys: readonly string[],
  options: VerifyOptions,
): void {
  const { now } = options;
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const lookahead = options.maxLookaheadSeconds ?? DEFAULT_MAX_LOOKAHEAD_SECONDS;

  if (typeof fields.sign !== 'string' || fields.sign === '') {
    throw new AuthenticationError(AuthenticationFailure.missingSign, 'sign is missing');
  }
  const t = parseUnixTime(fields.t);
  if (t === undefined) {
    throw new AuthenticationError(
      AuthenticationFailure.missingTime,
      't is missing or is not a Unix time in seconds',
    );
  }
  if (t + skew < now) {
    throw new AuthenticationError(
      AuthenticationFailure.expired,
      `t expired at ${new Date(t * 1000).toISOString()}; the callback is too old (check the sender's clock)`,
    );
  }
  if (t - now > lookahead) {
    throw new AuthenticationError(
      AuthenticationFailure.tooFarAhead,
      `t is more than ${lookahead} s in the future (check the sender's clock)`,
    );
  }

  // The sign was made over t exactly as sent, so sign the original text, not a re-serialised number.
  const received = Buffer.from(fields.sign.toLowerCase(), 'utf8');
  let matched = false;
  for (const key of keys) {
    const expected = Buffer.from(computeSign(key, String(fields.t)), 'utf8');
    // No early exit: every key is compared, so timing does not reveal which one matched.
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
  }
  if (!matched) {
    throw new AuthenticationError(
      AuthenticationFailure.mismatch,
      'sign does not match the callback key (check the key in the Tencent console and in this service)',
    );
  }
}

function parseUnixTime(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}
