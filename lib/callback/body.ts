import { InvalidCallbackError, PayloadTooLargeError } from '../errors';
import { parseJson, type JsonObject } from '../json/json';

/** Tencent's callbacks are about 1 KB; 64 KiB leaves room for long `callback_ext` and bounds the work a sender can cause. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Turns the raw HTTP body into the JSON object Tencent sent, enforcing the size limit before any
 * parsing. API Gateway base64-encodes bodies it considers binary, so both forms arrive here.
 */
export function decodeCallbackBody(
  body: string | undefined | null,
  isBase64Encoded = false,
  maxBytes = MAX_BODY_BYTES,
): JsonObject {
  if (body === undefined || body === null || body === '') {
    throw new InvalidCallbackError('body is empty; expected a JSON object');
  }
  // Reject before decoding: base64 is 4/3 the size of what it carries.
  if (isBase64Encoded && body.length > Math.ceil(maxBytes / 3) * 4) {
    throw new PayloadTooLargeError(maxBytes);
  }
  const bytes = isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(maxBytes);

  let parsed: unknown;
  try {
    parsed = parseJson(bytes.toString('utf8'));
  } catch {
    throw new InvalidCallbackError('body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidCallbackError('body must be a JSON object');
  }
  return parsed as JsonObject;
}
