import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/*
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0's request signature ("签名方法 v3",
 * https://cloud.tencent.com/document/api/213/30654), implemented here from that document with
 * node:crypto alone, not with the SDK, so that the SDK passing this check proves something:
 *
 *   CanonicalRequest = Method \n "/" \n QueryString \n CanonicalHeaders \n SignedHeaders \n
 *                      hex(sha256(payload))
 *   StringToSign     = "TC3-HMAC-SHA256" \n Timestamp \n Date/service/tc3_request \n
 *                      hex(sha256(CanonicalRequest))
 *   key              = HMAC(HMAC(HMAC("TC3" + SecretKey, Date), service), "tc3_request")
 *   Signature        = hex(HMAC(key, StringToSign))
 *
 * Date is the UTC date of the timestamp; canonical headers are `name:value\n`, names and values
 * lower-cased and trimmed, sorted by name.
 */

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
export const TC3_TERMINATOR = 'tc3_request';

export interface Tc3Request {
  method: string;
  /** The query string of a GET; empty for a POST. */
  query?: string;
  /** The signed headers: name (any case) to value as sent. */
  headers: Readonly<Record<string, string>>;
  payload: string | Buffer;
  /** Unix seconds, as in X-TC-Timestamp. */
  timestamp: number;
  service: string;
  secretKey: string;
}

export interface Tc3Signature {
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  /** `2019-02-25/cvm/tc3_request`. */
  credentialScope: string;
  /** The sorted, lower-case names: `content-type;host`. */
  signedHeaders: string;
  signature: string;
}

export function signTc3(request: Tc3Request): Tc3Signature {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.trim().toLowerCase(), value.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(';');
  const canonicalRequest = [
    request.method.toUpperCase(),
    '/',
    request.query ?? '',
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    sha256Hex(request.payload),
  ].join('\n');
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const date = utcDate(request.timestamp);
  const credentialScope = `${date}/${request.service}/${TC3_TERMINATOR}`;
  const stringToSign = [
    TC3_ALGORITHM,
    request.timestamp,
    credentialScope,
    hashedCanonicalRequest,
  ].join('\n');
  const secretDate = hmac(`TC3${request.secretKey}`, date);
  const secretService = hmac(secretDate, request.service);
  const secretSigning = hmac(secretService, TC3_TERMINATOR);
  const signature = hmac(secretSigning, stringToSign).toString('hex');
  return { canonicalRequest, hashedCanonicalRequest, credentialScope, signedHeaders, signature };
}

/** The Authorization header of a signed request. */
export function tc3Authorization(secretId: string, signed: Tc3Signature): string {
  return (
    `${TC3_ALGORITHM} Credential=${secretId}/${signed.credentialScope}, ` +
    `SignedHeaders=${signed.signedHeaders}, Signature=${signed.signature}`
  );
}

export interface ParsedAuthorization {
  secretId: string;
  /** The scope's parts, as the client wrote them. */
  date: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=..., Signature=...`. */
export function parseTc3Authorization(header: string): ParsedAuthorization | undefined {
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/([^/\s,]+)\/([^/\s,]+)\/([^/\s,]+), ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    );
  if (!match) return undefined;
  const [, secretId, date, service, terminator, signedHeaders, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    secretId,
    date,
    service,
    terminator,
    signedHeaders: signedHeaders.split(';'),
    signature,
  };
}

/** Compares two hex signatures in constant time. */
export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `YYYY-MM-DD` of a Unix time in UTC: Tencent's scope date, whatever the local time zone. */
export function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
