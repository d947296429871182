import { stringifyJson, type JsonMap, type JsonValue } from '../json/json';
import { EVENT_SOURCE, type StoredRecord } from '../record/record';

/**
 * EventBridge refuses an entry of 256 KB or more, counting `Source`, `DetailType`, `Detail` and
 * `Resources` in UTF-8 bytes, and 14 bytes for `Time` when given (this service sends none).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
 */
export const MAX_ENTRY_BYTES = 256 * 1024;

/** An event ready for PutEvents: its detail already serialised, and measured as EventBridge does. */
export interface OutgoingEvent {
  source: string;
  detailType: string;
  /** The detail as JSON text (numbers beyond 2^53 with all their digits). */
  detail: string;
  /** The entry's size as EventBridge counts it; always below {@link MAX_ENTRY_BYTES}. */
  size: number;
  /** Fields left out because the whole record would not fit; absent when nothing was. */
  truncatedFields?: string[];
}

/**
 * The event announcing one version of a record: the record's fields plus `id` and `version`.
 *
 * A record whose event would be too large for EventBridge (a signed body of 64 KiB can expand
 * past 256 KB: `1e20` is 4 bytes in the body and 21 in the event) is published without its
 * bulkiest optional fields, with `truncated: true` and `truncated_fields` naming them;
 * subscribers read the whole record from the table. The fields in `kept` are never left out:
 * they are bounded in size, so what remains fits (and if it somehow did not, only the record's
 * key and `event_type` would be published, which always fits: keys are at most 1 KB each).
 */
export function toOutgoingEvent(stored: StoredRecord, kept: ReadonlySet<string>): OutgoingEvent {
  const detail: JsonMap = { ...stored.fields, id: stored.id, version: stored.version };
  const whole = eventOf(stored.detailType, stringifyJson(detail));
  if (whole.size < MAX_ENTRY_BYTES) return whole;

  const leftOut = bulkiestFirst(stored.fields, kept, whole.size);
  const truncated = withoutFields(detail, leftOut);
  const event = eventOf(stored.detailType, stringifyJson(truncated), leftOut);
  if (event.size < MAX_ENTRY_BYTES) return event;

  const identity = new Set(['event_type', ...Object.keys(stored.key)]);
  const allButIdentity = Object.keys(stored.fields).filter((name) => !identity.has(name));
  return eventOf(
    stored.detailType,
    stringifyJson(withoutFields(detail, allButIdentity)),
    allButIdentity,
  );
}

/** An event of this service with its detail already serialised, measured as EventBridge does. */
export function eventOf(
  detailType: string,
  detail: string,
  truncatedFields?: string[],
): OutgoingEvent {
  const size = byteLength(EVENT_SOURCE) + byteLength(detailType) + byteLength(detail);
  return {
    source: EVENT_SOURCE,
    detailType,
    detail,
    size,
    ...(truncatedFields && { truncatedFields }),
  };
}

function withoutFields(detail: JsonMap, names: readonly string[]): JsonMap {
  const left = new Set(names);
  // fromEntries defines properties: a field named __proto__ stays an ordinary field.
  return Object.fromEntries([
    ...Object.entries(detail).filter(([name]) => !left.has(name)),
    ['truncated', true],
    ['truncated_fields', [...names]],
  ]);
}

/**
 * The optional fields to leave out, the bulkiest first, until the rest fits. Sizes are counted
 * once per field (a body can hold thousands of small fields; re-serialising after each would be
 * quadratic); the caller measures the result again.
 */
function bulkiestFirst(fields: JsonMap, kept: ReadonlySet<string>, wholeSize: number): string[] {
  const optional = Object.entries(fields)
    .filter(([name]) => !kept.has(name))
    .map(([name, value]) => ({ name, bytes: memberBytes(name, value) }))
    .sort((a, b) => b.bytes - a.bytes);
  // `,"truncated":true,"truncated_fields":[]`
  let size = wholeSize + 39;
  const leftOut: string[] = [];
  for (const { name, bytes } of optional) {
    if (size < MAX_ENTRY_BYTES) break;
    leftOut.push(name);
    size += byteLength(JSON.stringify(name)) + 1 - bytes;
  }
  return leftOut;
}

/** `"name":value,` in bytes. */
function memberBytes(name: string, value: JsonValue): number {
  return byteLength(JSON.stringify(name)) + byteLength(stringifyJson(value)) + 2;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
