import * as v from 'valibot';
import { defineKind } from '../define-kind';
import type { DetailOf } from '../detail';
import { eventKey, textPart, timePart } from '../event-key';
import { identifier, jsonText, keyText, nonEmptyText, numeric, text, unixTime } from '../fields';

export const RECORDING_STATUS_DETAIL_TYPE = 'Recording Status Changed';

/**
 * A recording task changed state (Tencent `event_type` 332): `record_start_succeeded`,
 * `record_start_failed`, `record_paused`, `record_resumed`, `record_error`, `record_ended`.
 *
 * Fields from Tencent's "录制状态事件通知" (Recording Status Event Notification,
 * https://www.tencentcloud.com/document/product/267/58590: table and sample), checked against
 * leslie-wang/clusterd's `LiveCallbackRecordStatusEvent` (`seq`, `session_id`, `record_event`,
 * `record_detail` a string, `event_time`). `record_detail` is JSON in a string
 * (`{"file_format":2,"record_bps":0,...}`): parsed into a map when it is valid JSON.
 */
export const recordingStatusKind = defineKind({
  name: 'recording-status',
  eventTypes: [332],
  detailType: RECORDING_STATUS_DETAIL_TYPE,
  fields: () => ({
    /** The stream's name. */
    stream_id: keyText,
    /** Tencent's number of this message. */
    seq: identifier,
    /** Unix seconds. */
    event_time: unixTime,
    /**
     * The state, what this callback means: `record_start_succeeded`, `record_start_failed`,
     * `record_paused`, `record_resumed`, `record_error` or `record_ended`.
     */
    record_event: nonEmptyText,
    /** The recording session (one per recording of a stream in one format). */
    session_id: v.optional(identifier),
    /** The task's id, for tasks created with `CreateRecordTask`. */
    task_id: v.optional(text),
    /** Your account's APPID. */
    appid: v.optional(numeric),
    /** The push path. */
    appname: v.optional(text),
    /** The push domain. */
    domain: v.optional(text),
    callback_ext: jsonText,
    /**
     * A map when Tencent sent valid JSON (`file_format` 1 FLV, 2 HLS, 3 MP4, 4 AAC, 5 MP3;
     * `record_bps`; `start_model` 1 template, 5 API; `record_content`; `source_type`;
     * `codec_temp_id`), else the string as sent.
     */
    record_detail: jsonText,
  }),
  times: { event_time: 'seconds' },
  /**
   * `recording-status#<ISO event_time>#<seq>`: Tencent numbers each message (`seq`); the time
   * first, so a recording's states read in the order they happened.
   */
  eventKey: (fields) =>
    eventKey('recording-status', [
      timePart(fields.event_time as number),
      textPart(fields.seq as string),
    ]),
});

/** The `detail` of a `Recording Status Changed` event. */
export type RecordingStatusChangedDetail = DetailOf<typeof recordingStatusKind>;
