/*
 * Reading text that may be escaped, possibly several times over: a query string inside a URL
 * inside another URL's query (`%3D`, `%253D`), JSON inside a JSON string (`\"`, `\\\"`, `\u0026`).
 * The redaction rule reads such text one *unit* at a time, so that `token%3Dabc` is recognised
 * as the pair it is without decoding (and then re-encoding) the text around it.
 *
 * Every function here reads its input once from left to right and never throws: the input is
 * up to 64 KiB of content chosen by whoever pushed the stream.
 */

/** One character of the text as its innermost reader would see it. */
export interface Unit {
  /** The character the unit stands for (`\u0080` for any non-ASCII byte escape). */
  char: string;
  /** How many characters of the text the unit takes up. */
  width: number;
  /** How many times it was percent-encoded: `=` 0, `%3D` 1, `%253D` 2. */
  percentLevel: number;
  /** How many backslashes escape it: `"` 0, `\"` 1, `\\\"` 3. */
  backslashes: number;
}

const NON_ASCII = '\u0080';

/** The value of the two hex digits at `at`, or -1 when there are not two hex digits there. */
function hexValue(text: string, at: number): number {
  const high = hexDigit(text.charCodeAt(at));
  const low = hexDigit(text.charCodeAt(at + 1));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1; // a-f, A-F
}

/** The unit that starts at `at` (which must be inside `text`). */
export function readUnit(text: string, at: number): Unit {
  const char = text.charAt(at);
  if (char === '%') {
    // `%25` followed by another escape is one more level of encoding: `%2526` is `%26` is `&`.
    let digits = at + 1;
    let percentLevel = 1;
    while (text.startsWith('25', digits) && hexValue(text, digits + 2) >= 0) {
      digits += 2;
      percentLevel++;
    }
    const code = hexValue(text, digits);
    if (code >= 0) {
      const decoded = code < 0x80 ? String.fromCharCode(code) : NON_ASCII;
      return { char: decoded, width: digits + 2 - at, percentLevel, backslashes: 0 };
    }
  } else if (char === '\\') {
    // A whole run of backslashes is one unit, so a long run is read once, not once per backslash.
    let end = at;
    while (text.charAt(end) === '\\') end++;
    const backslashes = end - at;
    if (text.charAt(end) === '"') {
      return { char: '"', width: backslashes + 1, percentLevel: 0, backslashes };
    }
    if (text.charAt(end) === 'u') {
      const high = hexValue(text, end + 1);
      const low = hexValue(text, end + 3);
      if (high >= 0 && low >= 0) {
        const decoded = String.fromCharCode(high * 256 + low);
        return { char: decoded, width: backslashes + 5, percentLevel: 0, backslashes };
      }
    }
    return { char: '\\', width: backslashes, percentLevel: 0, backslashes: 0 };
  }
  return { char, width: 1, percentLevel: 0, backslashes: 0 };
}

/** `text` with every escape above decoded, at every level: `tx%2553ecret` gives `txSecret`. */
export function decodeEscapes(text: string): string {
  if (!text.includes('%') && !text.includes('\\')) return text;
  let decoded = '';
  for (let at = 0; at < text.length;) {
    const unit = readUnit(text, at);
    decoded += unit.char;
    at += unit.width;
  }
  return decoded;
}

/** Rounds of decoding before `decodePercentUntilStable` stops: enough for any real nesting. */
const MAX_DECODING_ROUNDS = 8;

/**
 * Percent-decodes `text` again and again until nothing changes (at most
 * {@link MAX_DECODING_ROUNDS} times), as `decodeURIComponent` would but without throwing:
 * a `%` not followed by two hex digits stays as it is, and bytes that are not UTF-8 become U+FFFD.
 */
export function decodePercentUntilStable(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_DECODING_ROUNDS && current.includes('%'); round++) {
    const decoded = percentDecodeOnce(current);
    if (decoded === current) break;
    current = decoded;
  }
  return current;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function percentDecodeOnce(text: string): string {
  let decoded = '';
  let bytes: number[] = [];
  for (let at = 0; at < text.length;) {
    const code = text.charAt(at) === '%' ? hexValue(text, at + 1) : -1;
    if (code >= 0) {
      bytes.push(code);
      at += 3;
      continue;
    }
    if (bytes.length > 0) {
      decoded += utf8.decode(Uint8Array.from(bytes));
      bytes = [];
    }
    decoded += text.charAt(at);
    at++;
  }
  return bytes.length > 0 ? decoded + utf8.decode(Uint8Array.from(bytes)) : decoded;
}
