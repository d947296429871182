import * as v from 'valibot';
import { defineKind } from '../define-kind';
import type { DetailOf } from '../detail';
import { eventKey, hashPart, timePart } from '../event-key';
import { jsonText, keyText, nonEmptyText, numeric, text, unixTime } from '../fields';

export const SCREENSHOT_DETAIL_TYPE = 'Screenshot Created';

/**
 * A screenshot of a live stream was stored in COS (Tencent `event_type` 200; as often as every few
 * seconds per stream, so its records expire).
 *
 * Fields from Tencent's "截图事件通知" (Screencapturing Event Notification,
 * https://www.tencentcloud.com/document/product/267/38083 and, with `task_id`,
 * https://cloud.tencent.com/document/product/1214/47028: field table and sample), checked against
 * the older LVB-code page https://cloud.tencent.com/document/product/267/5957 (`pic_url`,
 * `create_time`, `pic_full_url`) and a public Java receiver reading `pic_full_url` and `stream_id`.
 */
export const screenshotKind = defineKind({
  name: 'screenshot',
  eventTypes: [200],
  detailType: SCREENSHOT_DETAIL_TYPE,
  highVolume: true,
  fields: () => ({
    /** The stream's name. */
    stream_id: keyText,
    /** Unix seconds: when the screenshot was taken. */
    create_time: unixTime,
    /** The picture's path in the bucket (`/path/name.jpg`): what identifies one screenshot. */
    pic_url: nonEmptyText,
    /** Where to download it (a private bucket's URL keeps its signature). */
    pic_full_url: v.optional(text),
    /** Bytes. */
    file_size: v.optional(numeric),
    width: v.optional(numeric),
    height: v.optional(numeric),
    /** Your account's APPID. */
    appid: v.optional(numeric),
    /** The push domain. */
    app: v.optional(text),
    /** The push path. */
    appname: v.optional(text),
    channel_id: v.optional(text),
    stream_param: v.optional(text),
    /** The screenshot task's id, when one sent it. */
    task_id: v.optional(text),
    callback_ext: jsonText,
  }),
  times: { create_time: 'seconds' },
  // A download URL of a private bucket is signed: the signature is what makes it work.
  keepQueryOf: ['pic_full_url'],
  /**
   * `screenshot#<ISO create_time>#<hash of pic_url>`: a stream's screenshots in time order, and
   * two pictures taken in the same second stay two.
   */
  eventKey: (fields) =>
    eventKey('screenshot', [
      timePart(fields.create_time as number),
      hashPart(fields.pic_url as string),
    ]),
});

/** The `detail` of a `Screenshot Created` event. */
export type ScreenshotCreatedDetail = DetailOf<typeof screenshotKind>;
