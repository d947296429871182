import * as v from 'valibot';
import { InvalidCallbackError } from '../../errors';
import type { JsonObject } from '../../callback/body';
import { parseJson, type JsonMap, type JsonValue } from '../../json/json';
import {
  describeIssue,
  identifier,
  isoTime,
  keyText,
  microseconds,
  numeric,
  seconds,
  text,
  unixTime,
  readEventType,
} from '../fields';
import { RESERVED_FIELD_NAMES, type Recording } from './types';
import { parseStreamParam, redactSecrets } from '../../privacy/redaction';
import { isStorable, unstorableReason } from '../../json/storable';

const KnownFields = v.object({
  stream_id: keyText,
  file_id: identifier,
  video_url: text,
  start_time: unixTime,
  end_time: unixTime,
  duration: seconds,
  file_size: numeric,
  appid: v.optional(numeric),
  app: v.optional(text),
  appname: v.optional(text),
  channel_id: v.optional(text),
  record_file_id: v.optional(identifier),
  file_format: v.optional(v.pipe(text, v.toLowerCase())),
  task_id: v.optional(text),
  start_time_usec: v.optional(microseconds),
  end_time_usec: v.optional(microseconds),
  media_start_time: v.optional(numeric),
  record_bps: v.optional(numeric),
  video_id: v.optional(identifier),
  stream_param: v.optional(text),
});

export const KNOWN_FIELD_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(KnownFields.entries),
  'event_type',
  'callback_ext',
  'sign',
  't',
]);

/**
 * Validates an authenticated recording callback (`event_type` 100) and turns it into the
 * {@link Recording} that is stored and published. Throws an {@link InvalidCallbackError} naming
 * the first field that is missing or wrong.
 */
export function normaliseRecording(body: JsonObject): Recording {
  const result = v.safeParse(KnownFields, body);
  if (!result.success) throw new InvalidCallbackError(describeIssue(result.issues));
  const known = result.output;
  const { stream_param: streamParam, ...fields } = known;
  const contentStartTime = known.end_time - known.duration;

  const recording: Recording = {
    event_type: readEventType(body),
    ...dropUndefined(fields),
    content_start_time: contentStartTime,
    start_time_iso: isoTime(known.start_time, known.start_time_usec),
    end_time_iso: isoTime(known.end_time, known.end_time_usec),
    content_start_time_iso: isoTime(contentStartTime, known.end_time_usec),
  };
  if (streamParam !== undefined) recording.stream_param = parseStreamParam(streamParam);
  if (body.callback_ext !== undefined) recording.callback_ext = parseCallbackExt(body.callback_ext);
  // Spread, not Object.assign: a field named __proto__ must stay an ordinary field.
  const complete: Recording = { ...recording, ...unknownFields(body) };
  for (const [name, value] of Object.entries(complete)) {
    const reason = unstorableReason(value);
    if (reason) throw new InvalidCallbackError(`${name} ${reason}`);
  }
  // Once, over the whole record, before anything stores, publishes or logs it. It keeps every
  // field and its type (only secret-named values become strings), so the result is a Recording.
  return redactSecrets(complete as JsonMap, REDACTION) as Recording;
}

/** The playback URL keeps its query: its signature is what makes it playable, and pushes nothing. */
const REDACTION = { keepQueryOf: ['video_url'] } as const;

/** `callback_ext` is the customer's own JSON, as a string; it never fails a callback. */
function parseCallbackExt(value: unknown): JsonValue {
  if (typeof value !== 'string') return isStorable(value) ? value : JSON.stringify(value);
  try {
    const parsed: unknown = parseJson(value);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      isStorable(parsed)
    ) {
      return parsed;
    }
  } catch {
    // Not JSON: kept as sent, which is what a person debugging it wants to see.
  }
  return value.toWellFormed();
}

/**
 * Fields this version does not know are kept, so nothing Tencent adds is lost (secrets in them are
 * redacted with the rest of the record). One named like a field of ours is kept as `tencent_<name>`.
 */
function unknownFields(body: JsonObject): Record<string, JsonValue> {
  const entries: [string, JsonValue][] = [];
  for (const [name, value] of Object.entries(body)) {
    if (KNOWN_FIELD_NAMES.has(name)) continue;
    const reason = unstorableReason({ [name]: null });
    if (reason) throw new InvalidCallbackError(`the body ${reason}`);
    let storedName = name;
    // Prefixed until free: a body holding both `version` and `tencent_version` loses neither.
    while (RESERVED_FIELD_NAMES.has(storedName) || (storedName !== name && storedName in body)) {
      storedName = `tencent_${storedName}`;
    }
    entries.push([storedName, value as JsonValue]);
  }
  // fromEntries defines properties, so a field named __proto__ stays an ordinary field.
  return Object.fromEntries(entries);
}

function dropUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
