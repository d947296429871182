import { createHash, randomBytes } from 'node:crypto';

/*
 * Tencent VOD's Key Hotlink Protection, as Tencent documents it ("Key Hotlink Protection",
 * https://www.tencentcloud.com/document/product/266/33986): a playback URL carries, in this order,
 *
 *   t      the URL's expiry, Unix seconds in lower-case hex
 *   us     a random string that makes each URL unique
 *   sign   md5(KEY + Dir + t + exper + rlimit + us), lower-case hex
 *
 * where Dir is the URL's path without the file name (`/dir1/dir2/` for `/dir1/dir2/a.mp4`) and
 * `exper` (preview seconds) and `rlimit` (IP limit) are left out, so they count as empty: the
 * archive copies the whole file, from one address.
 */

/** Long enough to start any one request; each request is signed afresh, resumes included. */
export const HOTLINK_URL_LIFETIME_SECONDS = 600;
/** Query parameters of a hotlink URL, which a URL to be signed must not already carry. */
const HOTLINK_PARAMETERS = [
  't',
  'exper',
  'rlimit',
  'us',
  'sign',
  'whref',
  'bkref',
  'whreg',
  'bkreg',
];

export interface HotlinkParameters {
  /** Expiry, Unix seconds as lower-case hex. */
  t: string;
  us: string;
  exper?: string;
  rlimit?: string;
}

/** `sign` for a path: the documented formula, every optional parameter absent. */
export function hotlinkSignature(key: string, path: string, parameters: HotlinkParameters): string {
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  const { t, us, exper = '', rlimit = '' } = parameters;
  return createHash('md5')
    .update(key + dir + t + exper + rlimit + us)
    .digest('hex');
}

/**
 * The URL with `t`, `us` and `sign` appended (after any query it has, minus hotlink parameters
 * it carried), expiring `lifetimeSeconds` after `now`. Never log the result: it is a credential.
 */
export function signHotlinkUrl(
  url: string,
  key: string,
  {
    now = new Date(),
    lifetimeSeconds = HOTLINK_URL_LIFETIME_SECONDS,
    us = randomBytes(5).toString('hex'),
  }: { now?: Date; lifetimeSeconds?: number; us?: string } = {},
): string {
  const [address = ''] = url.split('#');
  const queryAt = address.indexOf('?');
  const base = queryAt === -1 ? address : address.slice(0, queryAt);
  // The query is kept as sent (re-serialising it could change its encoding), minus any hotlink
  // parameters a URL signed before may carry.
  const kept =
    queryAt === -1
      ? []
      : address
          .slice(queryAt + 1)
          .split('&')
          .filter((pair) => pair !== '' && !HOTLINK_PARAMETERS.includes(pair.split('=')[0] ?? ''));
  const t = Math.floor(now.getTime() / 1000 + lifetimeSeconds).toString(16);
  const sign = hotlinkSignature(key, new URL(base).pathname, { t, us });
  const query = [...kept, `t=${t}`, `us=${encodeURIComponent(us)}`, `sign=${sign}`].join('&');
  return `${base}?${query}`;
}

/** A URL as it may be shown to a person: without its query, which may hold a signature. */
export function withoutQuery(url: string): string {
  const index = url.search(/[?#]/);
  return index === -1 ? url : url.slice(0, index);
}
