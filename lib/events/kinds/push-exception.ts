import * as v from 'valibot';
import type { PlainJson } from '../../json/json';
import { defineEventsKind } from '../define-kind';
import type { EventDetail } from '../detail';
import { eventKey, millisecondsPart } from '../event-key';
import { identifier, keyText, numeric, text, unixMilliseconds } from '../fields';

export const PUSH_EXCEPTION_DETAIL_TYPE = 'Push Exception';

/**
 * What went wrong in a push during one reporting interval (`event_type` 321: timestamps going
 * back, frames arriving late, codec changes...), sent once per interval while anything does.
 * Key: `push-exception#<ISO data_time>`: one report per stream and instant (`data_time` is in
 * milliseconds), in time order.
 *
 * Fields from Tencent's "推流异常事件通知" (Push Error Event Notifications,
 * https://www.tencentcloud.com/document/product/267/53310: the table and sample of 2023-03, and
 * the table of 2025-12, which adds `domain`, `path`, `sequence`, `user_ip`, `stream_param`,
 * `timeout`), checked against leslie-wang/clusterd's `LiveCallbackStreamExceptionEvent`
 * (`data_time`, `report_interval`, `abnormal_event` with `type`, `count`, `detail`).
 */
export const pushExceptionKind = defineEventsKind({
  name: 'push-exception',
  eventTypes: [321],
  detailType: PUSH_EXCEPTION_DETAIL_TYPE,
  fields: () =>
    v.object({
      stream_id: keyText,
      data_time: unixMilliseconds,
      report_interval: v.optional(numeric),
      sequence: v.optional(identifier),
      appid: v.optional(numeric),
      domain: v.optional(text),
      path: v.optional(text),
      user_ip: v.optional(text),
      stream_param: v.optional(text),
      timeout: v.optional(numeric),
      interface: v.optional(text),
    }),
  times: { data_time: 'milliseconds' },
  eventKey: (fields) => eventKey('push-exception', [millisecondsPart(fields.data_time as number)]),
});

export interface PushExceptionFields {
  event_type: number;
  stream_id: string;
  /** Unix milliseconds: when the report was made. */
  data_time: number;
  data_time_iso: string;
  /** Milliseconds between two reports. */
  report_interval?: number;
  /** The push's `sequence` (its start's and end's). */
  sequence?: string;
  /**
   * What happened, kept as sent: `[{ type, count, detail: [{ desc, occur_time }], type_desc_cn,
   * type_desc_en }]`; `type` 1-11 (1: video timestamp went back, 6: video frames more than 3 s
   * apart, 8: video codec changed, ...).
   */
  abnormal_event?: PlainJson;
  appid?: number;
  /** The push domain and path. */
  domain?: string;
  path?: string;
  user_ip?: string;
  stream_param?: Record<string, string>;
  /** Milliseconds Tencent waits for an answer. */
  timeout?: number;
  interface?: string;
  callback_ext?: PlainJson;
}

/** The `detail` of a `Push Exception` event; `id` is `<stream_id>/push-exception#<ISO data_time>`. */
export type PushExceptionDetail = EventDetail<PushExceptionFields>;
