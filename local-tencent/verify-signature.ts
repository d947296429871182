import type { IncomingHttpHeaders } from 'node:http';
import { TC3_TERMINATOR, parseTc3Authorization, sameSignature, signTc3, utcDate } from './tc3';
import { TencentFault } from './tencent-fault';

/** Tencent refuses a request whose X-TC-Timestamp is more than five minutes from its clock. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export interface ReceivedRequest {
  method: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface VerifyOptions {
  secretKeyOf(secretId: string): string | undefined;
  /** Milliseconds. */
  now: number;
  /** The product the request must be signed for: `live`. */
  service: string;
}

/**
 * Checks a request's TC3-HMAC-SHA256 signature as Tencent does and returns who signed it, or
 * throws Tencent's `AuthFailure.*` fault. The messages add, for a person debugging a client
 * against this server, which part failed; none repeats the SecretKey.
 */
export function verifySignature(
  request: ReceivedRequest,
  options: VerifyOptions,
): { secretId: string } {
  const authorization = parseTc3Authorization(header(request.headers, 'authorization') ?? '');
  if (!authorization) {
    throw new TencentFault(
      'AuthFailure.InvalidAuthorization',
      'Authorization header is not a TC3-HMAC-SHA256 authorization ' +
        '(TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=..., Signature=...).',
    );
  }
  const signed = authorization.signedHeaders;
  if (!signed.includes('content-type') || !signed.includes('host')) {
    throw new TencentFault(
      'AuthFailure.InvalidAuthorization',
      'SignedHeaders must include content-type and host.',
    );
  }

  const timestamp = Number(header(request.headers, 'x-tc-timestamp'));
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0) {
    throw new TencentFault(
      'MissingParameter',
      'The request is missing a required parameter `Timestamp` (X-TC-Timestamp).',
    );
  }
  if (Math.abs(options.now / 1000 - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    throw new TencentFault(
      'AuthFailure.SignatureExpire',
      'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.',
    );
  }

  const secretKey = options.secretKeyOf(authorization.secretId);
  if (secretKey === undefined) {
    throw new TencentFault(
      'AuthFailure.SecretIdNotFound',
      'The SecretId is not found, please ensure that your SecretId is correct.',
    );
  }

  const scopeProblem =
    authorization.service !== options.service
      ? `the credential scope names service \`${authorization.service}\`, not \`${options.service}\``
      : authorization.date !== utcDate(timestamp)
        ? `the credential scope date ${authorization.date} is not the UTC date of X-TC-Timestamp`
        : authorization.terminator !== TC3_TERMINATOR
          ? `the credential scope must end in ${TC3_TERMINATOR}`
          : undefined;
  if (scopeProblem) throw signatureFailure(scopeProblem);

  const headers = signedHeaderValues(request.headers, signed);
  const expected = hostVariants(headers).map(
    (variant) =>
      signTc3({
        method: request.method,
        query: request.query,
        headers: variant,
        payload: request.body,
        timestamp,
        service: options.service,
        secretKey,
      }).signature,
  );
  // No early exit: every variant is compared.
  const matches = expected.filter((signature) => sameSignature(signature, authorization.signature));
  if (matches.length === 0) throw signatureFailure();
  return { secretId: authorization.secretId };
}

function signatureFailure(detail?: string): TencentFault {
  return new TencentFault(
    'AuthFailure.SignatureFailure',
    'The provided credentials could not be validated. Please check your signature is correct.' +
      (detail ? ` (${detail})` : ''),
  );
}

function signedHeaderValues(headers: IncomingHttpHeaders, names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = header(headers, name);
    if (value === undefined) {
      throw signatureFailure(`the signed header ${name} is not in the request`);
    }
    values[name] = value;
  }
  return values;
}

/**
 * The headers as signed, and, when Host carries a port, with the port dropped: Tencent's hosts
 * never carry one, and the official Node SDK signs the URL's hostname (no port) while it sends
 * Host with the port, so both readings of a local server's Host are legitimate.
 */
function hostVariants(headers: Record<string, string>): Record<string, string>[] {
  const host = headers.host ?? '';
  const withoutPort = host.replace(/:\d+$/, '');
  return withoutPort === host ? [headers] : [headers, { ...headers, host: withoutPort }];
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
