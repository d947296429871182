import type { JsonValue } from '../../json/json';

/** Tencent's `event_type` for "a recording file is finished". */
export const RECORDING_EVENT_TYPE = 100;

/**
 * A recording as stored and published: Tencent's own field names with numbers as numbers, `sign`
 * and `t` removed, `stream_param` parsed, `callback_ext` parsed when it is JSON, every unknown
 * field kept, plus fields derived for people reading it; every secret in it (anywhere but
 * `video_url`'s query) replaced by `"[redacted]"` (see lib/privacy/redaction.ts).
 */
export interface Recording {
  event_type: number;
  stream_id: string;
  file_id: string;
  video_url: string;
  /** Unix seconds (Tencent's `start_time`: when recording of the file started). */
  start_time: number;
  end_time: number;
  /** Seconds of content in the file. */
  duration: number;
  file_size: number;
  /** `end_time - duration`: when the content in the file starts (Tencent's `start_time` is not that). */
  content_start_time: number;
  start_time_iso: string;
  end_time_iso: string;
  content_start_time_iso: string;
  appid?: number;
  app?: string;
  appname?: string;
  channel_id?: string;
  record_file_id?: string;
  /** Lower-cased: `mp4`, `flv`, `hls`, `aac`. */
  file_format?: string;
  task_id?: string;
  start_time_usec?: number;
  end_time_usec?: number;
  media_start_time?: number;
  record_bps?: number;
  video_id?: string;
  /** The push URL's query string as a map; secret-bearing values are `"[redacted]"`. */
  stream_param?: Record<string, string>;
  /** Parsed when Tencent sent valid JSON, otherwise the string as sent. */
  callback_ext?: JsonValue;
  /** Fields Tencent added that this version does not know, kept as sent. */
  [unknownField: string]: JsonValue | undefined;
}

/** The natural key: one item per recorded file. */
export interface RecordingKey {
  stream_id: string;
  file_id: string;
}

/** `<stream_id>/<file_id>`: the id consumers deduplicate on, with `version`. */
export function recordingId(key: RecordingKey): string {
  return `${key.stream_id}/${key.file_id}`;
}

/**
 * Attributes the service keeps beside a recording in its item. They are not part of the event.
 * `publish_pending`/`publish_pending_since` exist only while the event is not out (a sparse index
 * finds them); `publish_claimed_until` is the lease of whoever is publishing right now.
 */
export const BookkeepingField = {
  receivedAt: 'received_at',
  updatedAt: 'updated_at',
  version: 'version',
  contentHash: 'content_hash',
  publishedAt: 'published_at',
  publishPending: 'publish_pending',
  publishPendingSince: 'publish_pending_since',
  publishClaimedUntil: 'publish_claimed_until',
} as const;

/** Names an unknown Tencent field cannot take in the item or the event without clobbering ours. */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(BookkeepingField),
  'id',
  'content_start_time',
  'start_time_iso',
  'end_time_iso',
  'content_start_time_iso',
]);
