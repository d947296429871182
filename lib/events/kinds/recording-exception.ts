import * as v from 'valibot';
import type { Numeric } from '../../json/exact-number';
import type { PlainJson } from '../../json/json';
import { defineEventsKind } from '../define-kind';
import type { EventDetail } from '../detail';
import { eventKey, textPart, timePart } from '../event-key';
import { identifier, keyText, numeric, text, unixTime } from '../fields';

export const RECORDING_EXCEPTION_DETAIL_TYPE = 'Recording Exception';

/**
 * Something went wrong while recording (`event_type` 341: timestamps jumping, no audio, a frame
 * that could not be written...), with a level (`info`, `warning`, `error`).
 * Key: `recording-exception#<ISO timestamp>#<session_id>#<exception.type>`: time first; the
 * session, since a stream recorded in two formats has two; and the exception's type, since
 * Tencent merges repeats of one type but reports different types of the same second separately.
 * Without `exception.type` that part is `-`.
 *
 * Fields from Tencent's "录制异常事件通知" (Abnormal Recording Event Notification,
 * https://www.tencentcloud.com/document/product/267/68622: table and sample). No public receiver
 * of this type was found to check them against.
 */
export const recordingExceptionKind = defineEventsKind({
  name: 'recording-exception',
  eventTypes: [341],
  detailType: RECORDING_EXCEPTION_DETAIL_TYPE,
  fields: () =>
    v.object({
      stream_id: keyText,
      session_id: identifier,
      timestamp: unixTime,
      exception: v.optional(
        v.looseObject(
          {
            type: v.optional(numeric),
            occurs: v.optional(numeric),
            desc: v.optional(text),
          },
          'must be an object',
        ),
      ),
      exception_level: v.optional(text),
      file_format: v.optional(v.pipe(text, v.toLowerCase())),
      appid: v.optional(numeric),
      domain: v.optional(text),
      path: v.optional(text),
      interface: v.optional(text),
    }),
  times: { timestamp: 'seconds' },
  eventKey: (fields) => {
    // The normaliser made `exception.type`, when there is one, a number (exact beyond 2^53).
    const type = (fields.exception as { type?: Numeric } | undefined)?.type;
    return eventKey('recording-exception', [
      timePart(fields.timestamp as number),
      textPart(fields.session_id as string),
      type === undefined ? '-' : textPart(type.toString()),
    ]);
  },
});

export interface RecordingExceptionFields {
  event_type: number;
  stream_id: string;
  /** The recording session (one per recording of a stream in one format). */
  session_id: string;
  /** Unix seconds. */
  timestamp: number;
  timestamp_iso: string;
  /**
   * `type` (-8 audio timestamp jumped, -16 pulling the stream failed, -104 writing a frame
   * failed, -201 video timestamps uneven, ...), `occurs` (times in the period), `desc`.
   */
  exception?: {
    type?: number;
    occurs?: number;
    desc?: string;
    [other: string]: PlainJson | undefined;
  };
  /** `info`, `warning` or `error`. */
  exception_level?: string;
  /** Lower-cased: `flv`, `ts`, `mp4`, `aac`. */
  file_format?: string;
  appid?: number;
  /** The push domain and path. */
  domain?: string;
  path?: string;
  interface?: string;
  callback_ext?: PlainJson;
}

/** The `detail` of a `Recording Exception` event; `id` is `<stream_id>/recording-exception#<ISO time>#<session_id>#<type>`. */
export type RecordingExceptionDetail = EventDetail<RecordingExceptionFields>;
