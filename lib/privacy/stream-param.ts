import { REDACTED } from './constants';
import { decodePercentUntilStable } from './escapes';
import { redactText } from './redact-text';
import { isSecretName } from './secret-names';

/** What comes before `?` in a whole URL (`rtmp://host/live/stream`) or a path: no parameters. */
const NOT_A_QUERY = /^[^=&;]*$/;
/** A whole URL with no query at all. */
const URL_WITHOUT_QUERY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^?=&;]*$/;

/**
 * Parses `stream_param` (the push URL's query string) into a map, with secret-bearing values
 * replaced by {@link REDACTED}: the push secret must never reach the table or the bus.
 *
 * Copes with what senders write: `&` or `;` between parameters, a leading `?` or the whole push
 * URL (`rtmp://host/live/stream?txSecret=...`), `+` for a space, names with no value (`flag` gives
 * `""`). The text is percent-decoded until it no longer changes *before* it is split, so
 * separators encoded once or twice (`txSecret%3D...%26txTime%3D...`) still separate: a value
 * that really held an encoded `&` is split too, which loses nothing secret. Malformed escapes are
 * kept as written. A value (or a name) holding a URL or JSON has the secrets in it redacted too
 * (see ./redact-text.ts). A repeated name keeps its last value, as most servers read query strings.
 * Names `""` and `__proto__` cannot be stored (see lib/json/storable.ts) and are skipped.
 *
 * @example
 * parseStreamParam('txSecret=0a1b...&txTime=6553F280'); // { txSecret: '[redacted]', txTime: '6553F280' }
 */
export function parseStreamParam(text: string): Record<string, string> {
  const decoded = decodePercentUntilStable(text.replaceAll('+', ' '));
  if (URL_WITHOUT_QUERY.test(decoded)) return {};
  const question = decoded.indexOf('?');
  const prefix = question < 0 ? '' : decoded.slice(0, question);
  const query = question >= 0 && NOT_A_QUERY.test(prefix) ? decoded.slice(question + 1) : decoded;

  const params: Record<string, string> = {};
  for (const part of query.split(/[&;]/)) {
    const equals = part.indexOf('=');
    const name = equals < 0 ? part : part.slice(0, equals);
    const value = equals < 0 ? '' : part.slice(equals + 1);
    if (name === '' || name === '__proto__') continue;
    // defineProperty, not assignment: a parameter named __proto__ must stay a plain entry.
    Object.defineProperty(params, redactText(name), {
      value: isSecretName(name) ? REDACTED : redactText(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return params;
}
