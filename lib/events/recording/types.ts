import type { Numeric } from '../../json/exact-number';
import { RESERVED_NAMES } from '../../record/bookkeeping';
import type { JsonValue } from '../../json/json';

/** Tencent's `event_type` for "a recording file is finished". */
export const RECORDING_EVENT_TYPE = 100;

/**
 * A recording's fields, with the types of its numbers and JSON values as parameters: exact in the
 * service ({@link Recording}), plain JSON for subscribers (`RecordingFileCreatedDetail`).
 */
export interface RecordingFields<N = Numeric, J = JsonValue> {
  event_type: number;
  stream_id: string;
  file_id: string;
  video_url: string;
  /** Unix seconds (Tencent's `start_time`: when recording of the file started). */
  start_time: number;
  end_time: number;
  /** Seconds of content in the file. */
  duration: number;
  /** Exact: a size beyond 2^53 is kept with all its digits. */
  file_size: N;
  /** `end_time - duration`: when the content in the file starts (Tencent's `start_time` is not that). */
  content_start_time: number;
  start_time_iso: string;
  end_time_iso: string;
  content_start_time_iso: string;
  appid?: N;
  app?: string;
  appname?: string;
  channel_id?: string;
  record_file_id?: string;
  /** Lower-cased: `mp4`, `flv`, `hls`, `aac`. */
  file_format?: string;
  task_id?: string;
  start_time_usec?: number;
  end_time_usec?: number;
  media_start_time?: N;
  record_bps?: N;
  video_id?: string;
  /** The push URL's query string as a map; secret-bearing values are `"[redacted]"`. */
  stream_param?: Record<string, string>;
  /** Parsed when Tencent sent valid JSON, otherwise the string as sent. */
  callback_ext?: J;
}

/** Fields Tencent added that this version does not know, kept as sent. */
export interface UnknownFields<J> {
  [unknownField: string]: J | undefined;
}

/**
 * A recording as stored and published: Tencent's own field names with numbers as numbers, `sign`
 * and `t` removed, `stream_param` parsed, `callback_ext` parsed when it is JSON, every unknown
 * field kept, plus fields derived for people reading it; every secret in it (anywhere but
 * `video_url`'s query) replaced by `"[redacted]"` (see lib/privacy/redaction.ts).
 */
export type Recording = RecordingFields & UnknownFields<JsonValue>;

/** The natural key: one item per recorded file. */
export interface RecordingKey {
  stream_id: string;
  file_id: string;
}

/** `<stream_id>/<file_id>`: the id consumers deduplicate on, with `version`. */
export function recordingId(key: RecordingKey): string {
  return `${key.stream_id}/${key.file_id}`;
}

/** Fields derived for people reading the record. */
export const DERIVED_FIELD_NAMES = [
  'content_start_time',
  'start_time_iso',
  'end_time_iso',
  'content_start_time_iso',
] as const;

/** Names an unknown Tencent field cannot take in the item or the event without clobbering ours. */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
  ...RESERVED_NAMES,
  ...DERIVED_FIELD_NAMES,
]);
