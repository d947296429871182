import * as v from 'valibot';
import type { Numeric } from '../../json/exact-number';
import { defineKind } from '../define-kind';
import type { DetailOf } from '../detail';
import { eventKey, textPart, timePart } from '../event-key';
import { identifier, jsonText, keyText, numeric, text, unixTime } from '../fields';

export const RECORDING_EXCEPTION_DETAIL_TYPE = 'Recording Exception';

/**
 * Something went wrong while recording (Tencent `event_type` 341: timestamps jumping, no audio, a
 * frame that could not be written...), with a level (`info`, `warning`, `error`).
 *
 * Fields from Tencent's "录制异常事件通知" (Abnormal Recording Event Notification,
 * https://www.tencentcloud.com/document/product/267/68622: table and sample). No public receiver
 * of this type was found to check them against.
 */
export const recordingExceptionKind = defineKind({
  name: 'recording-exception',
  eventTypes: [341],
  detailType: RECORDING_EXCEPTION_DETAIL_TYPE,
  fields: () => ({
    /** The stream's name. */
    stream_id: keyText,
    /** The recording session (one per recording of a stream in one format). */
    session_id: identifier,
    /** Unix seconds. */
    timestamp: unixTime,
    /** What went wrong; Tencent merges repeats of one type within a period. */
    exception: v.optional(
      v.looseObject(
        {
          /**
           * -8 audio timestamp jumped, -16 pulling the stream failed, -104 writing a frame
           * failed, -201 video timestamps uneven, ...
           */
          type: v.optional(numeric),
          /** Times in the period. */
          occurs: v.optional(numeric),
          desc: v.optional(text),
        },
        'must be an object',
      ),
    ),
    /** `info`, `warning` or `error`. */
    exception_level: v.optional(text),
    /** Lower-cased: `flv`, `ts`, `mp4`, `aac`. */
    file_format: v.optional(v.pipe(text, v.toLowerCase())),
    /** Your account's APPID. */
    appid: v.optional(numeric),
    /** The push domain. */
    domain: v.optional(text),
    /** The push path. */
    path: v.optional(text),
    interface: v.optional(text),
    callback_ext: jsonText,
  }),
  times: { timestamp: 'seconds' },
  /**
   * `recording-exception#<ISO timestamp>#<session_id>#<exception.type>`: time first; the session,
   * since a stream recorded in two formats has two; and the exception's type, since Tencent
   * merges repeats of one type but reports different types of the same second separately.
   * Without `exception.type` that part is `-`.
   */
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

/** The `detail` of a `Recording Exception` event. */
export type RecordingExceptionDetail = DetailOf<typeof recordingExceptionKind>;
