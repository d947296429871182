import { computeSign } from './signature';

/** Tencent signs with an expiry 10 minutes after sending. */
export const DEFAULT_SIGN_TTL_SECONDS = 600;

/**
 * Returns `payload` with a fresh `t` and the `sign` Tencent would send with `key`: the one signing
 * code path shared by the tests and `npm run callback`.
 */
export function signCallback<T extends object>(
  payload: T,
  key: string,
  t: number = Math.floor(Date.now() / 1000) + DEFAULT_SIGN_TTL_SECONDS,
): T & { t: number; sign: string } {
  return { ...payload, t, sign: computeSign(key, t) };
}
