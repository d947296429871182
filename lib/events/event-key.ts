import { createHash } from 'node:crypto';
import { canonicalJson, type JsonMap } from '../json/json';
import { isoTime, isoTimeOfMilliseconds } from './fields';

/*
 * The events table's keys: partition key `stream_id`, sort key `event_key` =
 * `<kind prefix>#<part>#<part>...`, time first where the kind has one, so that a stream's events
 * of one kind are one `begins_with` query and read in time order in the DynamoDB console.
 *
 * Parts are written so that two different callbacks never share a key: `%`, `#`, `/` and `~` in a
 * part are percent-encoded (a part can never forge a separator, and an id `<stream_id>/<event_key>`
 * splits at its last `/`), and a part that could be long becomes `~` and a short hash of it, so
 * a sort key stays far below DynamoDB's 1024 bytes.
 */

/** The events table's sort key attribute; a field Tencent sends under this name is renamed. */
export const EVENT_KEY = 'event_key';

/** The partition of events whose callback names no stream (possible only for unknown types). */
export const NO_STREAM = '-';

/** Longer parts are hashed: a key of four parts stays under 600 bytes. */
const MAX_PART_BYTES = 128;

const ESCAPED = /[%#/~]/g;

/** SHA-256, base64url, first 16 characters (96 bits): unique enough for one stream's events. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 16);
}

/** A hashed part: `~` and the short hash of `text` (a raw part never starts with `~`). */
export function hashPart(text: string): string {
  return `~${shortHash(text)}`;
}

/** A part as it reads, or its hash when it is long. */
export function textPart(text: string): string {
  const escaped = text.replace(
    ESCAPED,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return Buffer.byteLength(escaped, 'utf8') > MAX_PART_BYTES ? hashPart(text) : escaped;
}

/** A Unix time in seconds as a part: ISO 8601, which sorts as time does. */
export function timePart(unixSeconds: number): string {
  return isoTime(unixSeconds);
}

export function millisecondsPart(unixMilliseconds: number): string {
  return isoTimeOfMilliseconds(unixMilliseconds);
}

/** `<prefix>#<part>#...`. */
export function eventKey(prefix: string, parts: readonly string[]): string {
  return [prefix, ...parts].join('#');
}

/** The hash of a whole normalised record (without `sign` and `t`, which it never holds). */
export function recordHash(fields: JsonMap): string {
  return hashPart(canonicalJson(fields));
}

/** The event's id: `<stream_id>/<sort key>` (its `event_key`; a recording's `file_id`). */
export function eventId(streamId: string, sortKey: string): string {
  return `${streamId}/${sortKey}`;
}

/**
 * The stream a callback is about, for a kind without a `stream_id` of its own (camelCase image
 * moderation, unknown types): the first candidate field holding a non-empty string of at most
 * 1024 bytes, else {@link NO_STREAM}.
 */
export function streamIdFrom(
  body: Readonly<Record<string, unknown>>,
  candidates: readonly string[],
): string {
  for (const name of candidates) {
    const value = body[name];
    if (typeof value === 'string' && value !== '' && Buffer.byteLength(value, 'utf8') <= 1024) {
      return value;
    }
  }
  return NO_STREAM;
}
