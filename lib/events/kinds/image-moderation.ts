import * as v from 'valibot';
import { defineKind } from '../define-kind';
import type { DetailOf } from '../detail';
import { eventKey, hashPart, streamIdFrom, timePart } from '../event-key';
import { jsonText, keptAsSent, keyText, nonEmptyText, numeric, text, unixTime } from '../fields';

export const IMAGE_MODERATION_DETAIL_TYPE = 'Image Moderation Result';

/** Image moderation names its stream in camelCase; the table's key is `stream_id`. */
const STREAM_CANDIDATES = ['streamId', 'stream_id', 'channelId', 'channel_id'];

/**
 * Image moderation flagged a screenshot of a stream (Tencent `event_type` 317; only suspicious
 * results are sent). Its fields are Tencent's camelCase ones (`streamId`, `screenshotTime`);
 * `stream_id` is derived from `streamId`.
 *
 * Fields from Tencent's "直播画面审核事件通知" (Image Moderation Event Notification,
 * https://cloud.tencent.com/document/product/267/47029, intl 267/38084: the 2024 field table and
 * sample, `suggestion`/`label`/`subLabel`/`type`/`score` and the result arrays), checked against
 * the older "鉴黄事件通知" page (`tid`, `confidence`, `normalScore`, `hotScore`, `pornScore`, where
 * `streamId` was optional) and Tencent's LVB porn-detection guide's sample. The legacy scores are
 * still sent "for compatibility", says the 2024 page.
 */
export const imageModerationKind = defineKind({
  name: 'image-moderation',
  eventTypes: [317],
  detailType: IMAGE_MODERATION_DETAIL_TYPE,
  highVolume: true,
  fields: () => ({
    /** The stream's name. */
    streamId: v.optional(keyText),
    channelId: v.optional(text),
    /** The flagged picture's URL: what identifies one result. */
    img: nonEmptyText,
    /** Unix seconds: when the picture was taken. */
    screenshotTime: unixTime,
    /** Unix seconds: when the result was sent. */
    sendTime: v.optional(unixTime),
    /** `Block`, `Review` or `Pass`. */
    suggestion: v.optional(text),
    /** The highest-priority label (`Porn`, `Ad`, ...). */
    label: v.optional(text),
    /** The label's sub-label. */
    subLabel: v.optional(text),
    /** The categories of the highest-priority label (an array), kept as sent. */
    type: keptAsSent,
    /** Their scores (an array), kept as sent. */
    score: keptAsSent,
    ocrMsg: v.optional(text),
    level: v.optional(numeric),
    tid: v.optional(numeric),
    /** A legacy score, still sent. */
    confidence: v.optional(numeric),
    /** A legacy score, still sent. */
    normalScore: v.optional(numeric),
    /** A legacy score, still sent. */
    hotScore: v.optional(numeric),
    /** A legacy score, still sent. */
    pornScore: v.optional(numeric),
    /** A legacy score, still sent. */
    similarScore: v.optional(numeric),
    /** A legacy score, still sent. */
    terrorScore: v.optional(numeric),
    /** A legacy score, still sent. */
    polityScore: v.optional(numeric),
    /** A legacy score, still sent. */
    illegalScore: v.optional(numeric),
    /** A legacy score, still sent. */
    abuseScore: v.optional(numeric),
    /** A legacy score, still sent. */
    teenagerScore: v.optional(numeric),
    /** A legacy score, still sent. */
    adScore: v.optional(numeric),
    /** A legacy score, still sent. */
    customScore: v.optional(numeric),
    /** Result details, kept as sent. */
    labelResults: keptAsSent,
    /** Result details, kept as sent. */
    objectResults: keptAsSent,
    /** Result details, kept as sent. */
    ocrResults: keptAsSent,
    /** Result details, kept as sent. */
    libResults: keptAsSent,
    /** Your account's APPID. */
    appid: v.optional(numeric),
    /** The push domain. */
    app: v.optional(text),
    /** The push path. */
    appname: v.optional(text),
    stream_param: v.optional(text),
    callback_ext: jsonText,
  }),
  times: { screenshotTime: 'seconds', sendTime: 'seconds' },
  derived: {
    fields: {
      /** Derived from `streamId` (else `channelId`); `-` when the callback names no stream. */
      stream_id: keyText,
    },
    derive: (_known, body) => ({ stream_id: streamIdFrom(body, STREAM_CANDIDATES) }),
  },
  keepQueryOf: ['img'],
  /** `image-moderation#<ISO screenshotTime>#<hash of img>`. */
  eventKey: (fields) =>
    eventKey('image-moderation', [
      timePart(fields.screenshotTime as number),
      hashPart(fields.img as string),
    ]),
});

/** The `detail` of an `Image Moderation Result` event. */
export type ImageModerationResultDetail = DetailOf<typeof imageModerationKind>;
