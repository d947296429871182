import * as v from 'valibot';
import { defineKind } from '../define-kind';
import type { DetailOf, RecordOf } from '../detail';
import {
  identifier,
  isoTime,
  isoTimeText,
  jsonText,
  keyText,
  microseconds,
  numeric,
  seconds,
  text,
  unixTime,
} from '../fields';

export const RECORDING_EVENT_DETAIL_TYPE = 'Recording File Created';

/**
 * A recording file is finished and stored in VOD (Tencent `event_type` 100), once per file.
 *
 * Kept in its own table, one item per file, as recordings always were. Fields from Tencent's "录制事件通知" (Recording Event Notification,
 * https://cloud.tencent.com/document/product/267/47026: field table and sample).
 */
export const recordingKind = defineKind({
  name: 'recording',
  eventTypes: [100],
  detailType: RECORDING_EVENT_DETAIL_TYPE,
  table: 'recordings',
  sortKey: 'file_id',
  fields: () => ({
    /** The stream's name. */
    stream_id: keyText,
    /** The file's id in VOD (a string, whatever Tencent sent). */
    file_id: identifier,
    /** Where to play or download it (its query kept as sent). */
    video_url: text,
    /** Unix seconds: when recording of this file started (not when its content starts). */
    start_time: unixTime,
    /** Unix seconds: when recording of this file ended. */
    end_time: unixTime,
    /** Seconds of content in the file. */
    duration: seconds,
    /** Bytes; exact beyond 2^53. */
    file_size: numeric,
    /** Your account's APPID. */
    appid: v.optional(numeric),
    /** The push domain. */
    app: v.optional(text),
    /** The push path. */
    appname: v.optional(text),
    /** The same as `stream_id`. */
    channel_id: v.optional(text),
    /** Another id Tencent gives the file. */
    record_file_id: v.optional(identifier),
    /** Lower-cased: `mp4`, `flv`, `hls`, `aac`. */
    file_format: v.optional(v.pipe(text, v.toLowerCase())),
    /** The task, for recordings made with `CreateRecordTask`. */
    task_id: v.optional(text),
    /** The microseconds of `start_time`. */
    start_time_usec: v.optional(microseconds),
    /** The microseconds of `end_time`. */
    end_time_usec: v.optional(microseconds),
    media_start_time: v.optional(numeric),
    record_bps: v.optional(numeric),
    /** Another id Tencent gives the file. */
    video_id: v.optional(identifier),
    /** The push URL's query as a map; secret-bearing values are `"[redacted]"` (absent for tasks). */
    stream_param: v.optional(text),
    callback_ext: jsonText,
  }),
  derived: {
    fields: {
      /** `end_time - duration`: when the content in the file starts. */
      content_start_time: seconds,
      /** `start_time` (with its microseconds), ISO 8601. */
      start_time_iso: isoTimeText,
      /** `end_time` (with its microseconds), ISO 8601. */
      end_time_iso: isoTimeText,
      /** `content_start_time`, ISO 8601. */
      content_start_time_iso: isoTimeText,
    },
    derive: (known) => {
      const contentStartTime = known.end_time - known.duration;
      return {
        content_start_time: contentStartTime,
        start_time_iso: isoTime(known.start_time, known.start_time_usec),
        end_time_iso: isoTime(known.end_time, known.end_time_usec),
        content_start_time_iso: isoTime(contentStartTime, known.end_time_usec),
      };
    },
  },
  // The playback URL keeps its query: its signature is what makes it playable, and pushes nothing.
  keepQueryOf: ['video_url'],
});

/**
 * The `detail` of a `Recording File Created` event: the recording as stored, without the
 * service's bookkeeping, plus `id` (`<stream_id>/<file_id>`) and `version`.
 *
 * @example
 * import type { EventBridgeEvent } from 'aws-lambda';
 * import type { RecordingFileCreatedDetail } from '../lib/events';
 * export const handler = async (event: EventBridgeEvent<'Recording File Created', RecordingFileCreatedDetail>) => {
 *   if (event.detail.truncated) console.log('read the whole record from the table');
 *   console.log(event.detail.id, event.detail.video_url);
 * };
 */
export type RecordingFileCreatedDetail = DetailOf<typeof recordingKind>;

/**
 * A recording as stored: Tencent's own field names with numbers as numbers (exact beyond 2^53),
 * `sign` and `t` removed, `stream_param` parsed, `callback_ext` parsed when it is JSON, every
 * unknown field kept, the derived fields added, and every secret in it (anywhere but
 * `video_url`'s query) replaced by `"[redacted]"` (see lib/privacy/redaction.ts).
 */
export type Recording = RecordOf<typeof recordingKind>;
