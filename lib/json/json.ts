import { createHash } from 'node:crypto';
import { parse as parseLossless } from 'lossless-json';
import { ExactNumber, mayHoldInexactNumber, toNumeric } from './exact-number';

export type JsonValue =
  string | number | ExactNumber | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonMap = { [key: string]: JsonValue };

/** A JSON object as parsed, before anything about its values is known (a callback's body). */
export type JsonObject = { [key: string]: unknown };

/** JSON as any parser reads it: what subscribers receive (exact numbers arrive as numbers). */
export type PlainJson =
  string | number | boolean | null | PlainJson[] | { [key: string]: PlainJson };

/**
 * Parses JSON text, keeping every number exactly (see `./exact-number.ts`). Most texts hold no
 * number a double would change and take `JSON.parse`; the others take lossless-json's parser, in
 * which each number that a double would change becomes an {@link ExactNumber}. Both keep the
 * last of duplicate keys and a key named `__proto__` as an ordinary key, as `JSON.parse` does.
 * Throws a `SyntaxError` for text that is not JSON.
 */
export function parseJson(text: string): unknown {
  if (!mayHoldInexactNumber(text)) return JSON.parse(text);
  return parseLossless(text, null, {
    parseNumber,
    onDuplicateKey: ({ newValue }) => newValue,
  });
}

function parseNumber(text: string): number | ExactNumber {
  // lossless-json passes only valid JSON numbers, which toNumeric always reads.
  return toNumeric(text) ?? Number(text);
}

/** `JSON.stringify`, but an {@link ExactNumber} is written with all its digits. */
export function stringifyJson(value: JsonValue): string {
  return writeJson(value, false);
}

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: JsonValue): string {
  return writeJson(value, true);
}

function writeJson(value: JsonValue, sortKeys: boolean): string {
  if (typeof value === 'string') return JSON.stringify(value);
  // What JSON.stringify writes for a number, without its per-call cost (arrays can hold thousands).
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean' || value === null) return String(value);
  if (value instanceof ExactNumber) return value.text;
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) {
      text += (index > 0 ? ',' : '') + writeJson(value[index] as JsonValue, sortKeys);
    }
    return `${text}]`;
  }
  const keys = sortKeys ? Object.keys(value).sort() : Object.keys(value);
  let text = '{';
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    text += `${index > 0 ? ',' : ''}${JSON.stringify(key)}:${writeJson(value[key] as JsonValue, sortKeys)}`;
  }
  return `${text}}`;
}

/** A short, stable fingerprint of a JSON value, independent of key order. */
export function contentHash(value: JsonValue): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}
