import * as v from 'valibot';
import { defineKind } from '../define-kind';
import type { DetailOf } from '../detail';
import { eventKey, millisecondsPart } from '../event-key';
import {
  identifier,
  jsonText,
  keptAsSent,
  keyText,
  numeric,
  text,
  unixMilliseconds,
} from '../fields';

export const PUSH_EXCEPTION_DETAIL_TYPE = 'Push Exception';

/**
 * What went wrong in a push during one reporting interval (Tencent `event_type` 321: timestamps
 * going back, frames arriving late, codec changes...), sent once per interval while anything does.
 *
 * Fields from Tencent's "推流异常事件通知" (Push Error Event Notifications,
 * https://www.tencentcloud.com/document/product/267/53310: the table and sample of 2023-03, and
 * the table of 2025-12, which adds `domain`, `path`, `sequence`, `user_ip`, `stream_param`,
 * `timeout`), checked against leslie-wang/clusterd's `LiveCallbackStreamExceptionEvent`
 * (`data_time`, `report_interval`, `abnormal_event` with `type`, `count`, `detail`).
 */
export const pushExceptionKind = defineKind({
  name: 'push-exception',
  eventTypes: [321],
  detailType: PUSH_EXCEPTION_DETAIL_TYPE,
  fields: () => ({
    /** The stream's name. */
    stream_id: keyText,
    /** Unix milliseconds: when the report was made. */
    data_time: unixMilliseconds,
    /** Milliseconds between two reports. */
    report_interval: v.optional(numeric),
    /** The push's `sequence` (its start's and end's). */
    sequence: v.optional(identifier),
    /**
     * What happened, kept as sent: `[{ type, count, detail: [{ desc, occur_time }], type_desc_cn,
     * type_desc_en }]`; `type` 1-11 (1: video timestamp went back, 6: video frames more than 3 s
     * apart, 8: video codec changed, ...).
     */
    abnormal_event: keptAsSent,
    /** Your account's APPID. */
    appid: v.optional(numeric),
    /** The push domain. */
    domain: v.optional(text),
    /** The push path. */
    path: v.optional(text),
    /** The pusher's IP. */
    user_ip: v.optional(text),
    stream_param: v.optional(text),
    /** Milliseconds Tencent waits for an answer. */
    timeout: v.optional(numeric),
    interface: v.optional(text),
    callback_ext: jsonText,
  }),
  times: { data_time: 'milliseconds' },
  /** `push-exception#<ISO data_time>`: one report per stream and instant, in time order. */
  eventKey: (fields) => eventKey('push-exception', [millisecondsPart(fields.data_time as number)]),
});

/** The `detail` of a `Push Exception` event. */
export type PushExceptionDetail = DetailOf<typeof pushExceptionKind>;
