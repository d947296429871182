import * as v from 'valibot';
import type { PlainJson } from '../../json/json';
import { defineEventsKind } from '../define-kind';
import type { EventDetail } from '../detail';
import { eventKey, textPart, timePart } from '../event-key';
import { identifier, keyText, nonEmptyText, numeric, text, unixTime } from '../fields';

export const RECORDING_STATUS_DETAIL_TYPE = 'Recording Status Changed';

/**
 * A recording task changed state (`event_type` 332): `record_start_succeeded`,
 * `record_start_failed`, `record_paused`, `record_resumed`, `record_error`, `record_ended`.
 * Key: `recording-status#<ISO event_time>#<seq>`: Tencent numbers each message (`seq`); the time
 * first, so a recording's states read in the order they happened.
 *
 * Fields from Tencent's "录制状态事件通知" (Recording Status Event Notification,
 * https://www.tencentcloud.com/document/product/267/58590: table and sample), checked against
 * leslie-wang/clusterd's `LiveCallbackRecordStatusEvent` (`seq`, `session_id`, `record_event`,
 * `record_detail` a string, `event_time`). `record_detail` is JSON in a string
 * (`{"file_format":2,"record_bps":0,...}`): parsed into a map when it is valid JSON.
 */
export const recordingStatusKind = defineEventsKind({
  name: 'recording-status',
  eventTypes: [332],
  detailType: RECORDING_STATUS_DETAIL_TYPE,
  fields: () =>
    v.object({
      stream_id: keyText,
      seq: identifier,
      event_time: unixTime,
      /** The state: what this callback means. */
      record_event: nonEmptyText,
      session_id: v.optional(identifier),
      task_id: v.optional(text),
      appid: v.optional(numeric),
      appname: v.optional(text),
      domain: v.optional(text),
    }),
  times: { event_time: 'seconds' },
  jsonText: ['callback_ext', 'record_detail'],
  unbounded: ['record_detail'],
  eventKey: (fields) =>
    eventKey('recording-status', [
      timePart(fields.event_time as number),
      textPart(fields.seq as string),
    ]),
});

export interface RecordingStatusFields {
  event_type: number;
  stream_id: string;
  /** Tencent's number of this message. */
  seq: string;
  /** Unix seconds. */
  event_time: number;
  event_time_iso: string;
  /** `record_start_succeeded`, `record_start_failed`, `record_paused`, `record_resumed`, `record_error`, `record_ended`. */
  record_event: string;
  /** The recording session (one per recording of a stream in one format). */
  session_id?: string;
  /** The task's id, for tasks created with `CreateRecordTask`. */
  task_id?: string;
  /**
   * A map when Tencent sent valid JSON (`file_format` 1 FLV, 2 HLS, 3 MP4, 4 AAC, 5 MP3;
   * `record_bps`; `start_model` 1 template, 5 API; `record_content`; `source_type`;
   * `codec_temp_id`), else the string as sent.
   */
  record_detail?: PlainJson;
  appid?: number;
  /** The push path and domain. */
  appname?: string;
  domain?: string;
  callback_ext?: PlainJson;
}

/** The `detail` of a `Recording Status Changed` event; `id` is `<stream_id>/recording-status#<ISO time>#<seq>`. */
export type RecordingStatusChangedDetail = EventDetail<RecordingStatusFields>;
