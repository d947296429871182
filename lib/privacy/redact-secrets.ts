import { ExactNumber } from '../json/exact-number';
import type { JsonValue } from '../json/json';
import { REDACTED } from './constants';
import { redactText } from './redact-text';
import { isSecretName } from './secret-names';

export interface RedactionOptions {
  /**
   * Top-level fields whose string value is kept as sent. A playback URL (`video_url`) is useless
   * without its query's signature, and that signature grants playback, not pushing.
   */
  keepQueryOf?: readonly string[];
}

/**
 * Deeper than any value the service stores (DynamoDB allows 32 levels): a value nested deeper is
 * replaced whole rather than risking the stack on content nobody sends.
 */
const MAX_DEPTH = 64;

/**
 * The one redaction rule, applied to a whole value: the record before it is stored, published or
 * logged.
 * - A key whose words name a secret (see `isSecretName`) has its value, whatever its type,
 *   replaced by {@link REDACTED}.
 * - Every string, and every key's text, has the values of the secret-bearing pairs inside it
 *   redacted (see `redactText`): a push URL's query, JSON held in a string, a URL passed
 *   percent-encoded in another URL's query.
 * - Everything else is kept: same keys, same types, same harmless values.
 *
 * @example
 * redactSecrets({ ext: { txSecret: 'abc' }, url: 'rtmp://h/live/s?txSecret=abc&txTime=1' });
 * // { ext: { txSecret: '[redacted]' }, url: 'rtmp://h/live/s?txSecret=[redacted]&txTime=1' }
 */
export function redactSecrets(value: JsonValue, options: RedactionOptions = {}): JsonValue {
  const kept = new Set(options.keepQueryOf ?? []);
  if (kept.size === 0 || !isMap(value)) return redactValue(value, 0);
  return redactMap(value, 0, (key, item) => kept.has(key) && typeof item === 'string');
}

function isMap(value: JsonValue): value is { [key: string]: JsonValue } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof ExactNumber)
  );
}

function redactValue(value: JsonValue, depth: number): JsonValue {
  if (typeof value === 'string') return redactText(value);
  // A number kept exactly is a number: nothing in it to redact.
  if (value === null || typeof value !== 'object' || value instanceof ExactNumber) return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return redactMap(value, depth, () => false);
}

function redactMap(
  map: { [key: string]: JsonValue },
  depth: number,
  keepsAsSent: (key: string, item: JsonValue) => boolean,
): { [key: string]: JsonValue } {
  const entries: [string, JsonValue][] = [];
  for (const [key, item] of Object.entries(map)) {
    let value: JsonValue;
    if (isSecretName(key)) value = REDACTED;
    else if (keepsAsSent(key, item)) value = item;
    else value = redactValue(item, depth + 1);
    entries.push([redactText(key), value]);
  }
  // fromEntries defines properties, so a key named __proto__ stays a plain entry.
  return Object.fromEntries(entries);
}
