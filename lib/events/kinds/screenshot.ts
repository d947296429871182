import * as v from 'valibot';
import type { PlainJson } from '../../json/json';
import { defineEventsKind } from '../define-kind';
import type { EventDetail } from '../detail';
import { eventKey, hashPart, timePart } from '../event-key';
import { keyText, nonEmptyText, numeric, text, unixTime } from '../fields';

export const SCREENSHOT_DETAIL_TYPE = 'Screenshot Created';

/**
 * A screenshot was stored in COS (`event_type` 200; as often as every few seconds per stream, so
 * its records expire). Key: `screenshot#<ISO create_time>#<hash of pic_url>`: a stream's
 * screenshots in time order, and two pictures taken in the same second stay two.
 *
 * Fields from Tencent's "截图事件通知" (Screencapturing Event Notification,
 * https://www.tencentcloud.com/document/product/267/38083 and, with `task_id`,
 * https://cloud.tencent.com/document/product/1214/47028: field table and sample), checked against
 * the older LVB-code page https://cloud.tencent.com/document/product/267/5957 (`pic_url`,
 * `create_time`, `pic_full_url`) and a public Java receiver reading `pic_full_url` and `stream_id`.
 */
export const screenshotKind = defineEventsKind({
  name: 'screenshot',
  eventTypes: [200],
  detailType: SCREENSHOT_DETAIL_TYPE,
  highVolume: true,
  fields: () =>
    v.object({
      stream_id: keyText,
      create_time: unixTime,
      /** The picture's path in the bucket: what identifies one screenshot. */
      pic_url: nonEmptyText,
      pic_full_url: v.optional(text),
      file_size: v.optional(numeric),
      width: v.optional(numeric),
      height: v.optional(numeric),
      appid: v.optional(numeric),
      app: v.optional(text),
      appname: v.optional(text),
      channel_id: v.optional(text),
      stream_param: v.optional(text),
      task_id: v.optional(text),
    }),
  times: { create_time: 'seconds' },
  // A download URL of a private bucket is signed: the signature is what makes it work.
  keepQueryOf: ['pic_full_url'],
  eventKey: (fields) =>
    eventKey('screenshot', [
      timePart(fields.create_time as number),
      hashPart(fields.pic_url as string),
    ]),
});

export interface ScreenshotFields {
  event_type: number;
  stream_id: string;
  /** Unix seconds: when the screenshot was taken. */
  create_time: number;
  create_time_iso: string;
  /** The picture's path (`/path/name.jpg`). */
  pic_url: string;
  /** Where to download it. */
  pic_full_url?: string;
  /** Bytes. */
  file_size?: number;
  width?: number;
  height?: number;
  appid?: number;
  app?: string;
  appname?: string;
  channel_id?: string;
  stream_param?: Record<string, string>;
  /** The screenshot task's id, when one sent it. */
  task_id?: string;
  callback_ext?: PlainJson;
}

/** The `detail` of a `Screenshot Created` event; `id` is `<stream_id>/screenshot#<ISO time>#<hash>`. */
export type ScreenshotCreatedDetail = EventDetail<ScreenshotFields>;
