import * as v from 'valibot';
import type { PlainJson } from '../../json/json';
import { defineEventsKind } from '../define-kind';
import type { EventDetail } from '../detail';
import { eventKey, hashPart, streamIdFrom, timePart } from '../event-key';
import { keyText, nonEmptyText, numeric, text, unixTime } from '../fields';

export const IMAGE_MODERATION_DETAIL_TYPE = 'Image Moderation Result';

/** Image moderation names its stream in camelCase; the table's key is `stream_id`. */
const STREAM_CANDIDATES = ['streamId', 'stream_id', 'channelId', 'channel_id'];

/**
 * Image moderation flagged a screenshot (`event_type` 317; only suspicious results are sent).
 * Its fields are camelCase (`streamId`, `screenshotTime`): `stream_id` is derived from `streamId`.
 * Key: `image-moderation#<ISO screenshotTime>#<hash of img>`.
 *
 * Fields from Tencent's "直播画面审核事件通知" (Image Moderation Event Notification,
 * https://cloud.tencent.com/document/product/267/47029, intl 267/38084: the 2024 field table and
 * sample, `suggestion`/`label`/`subLabel`/`type`/`score` and the result arrays), checked against
 * the older "鉴黄事件通知" page (`tid`, `confidence`, `normalScore`, `hotScore`, `pornScore`, where
 * `streamId` was optional) and Tencent's LVB porn-detection guide's sample. The legacy scores are
 * still sent "for compatibility", says the 2024 page.
 */
export const imageModerationKind = defineEventsKind({
  name: 'image-moderation',
  eventTypes: [317],
  detailType: IMAGE_MODERATION_DETAIL_TYPE,
  highVolume: true,
  fields: () =>
    v.object({
      streamId: v.optional(keyText),
      channelId: v.optional(text),
      /** The flagged picture's URL: what identifies one result. */
      img: nonEmptyText,
      screenshotTime: unixTime,
      sendTime: v.optional(unixTime),
      suggestion: v.optional(text),
      label: v.optional(text),
      subLabel: v.optional(text),
      ocrMsg: v.optional(text),
      level: v.optional(numeric),
      tid: v.optional(numeric),
      confidence: v.optional(numeric),
      normalScore: v.optional(numeric),
      hotScore: v.optional(numeric),
      pornScore: v.optional(numeric),
      similarScore: v.optional(numeric),
      terrorScore: v.optional(numeric),
      polityScore: v.optional(numeric),
      illegalScore: v.optional(numeric),
      abuseScore: v.optional(numeric),
      teenagerScore: v.optional(numeric),
      adScore: v.optional(numeric),
      customScore: v.optional(numeric),
      appid: v.optional(numeric),
      app: v.optional(text),
      appname: v.optional(text),
      stream_param: v.optional(text),
    }),
  times: { screenshotTime: 'seconds', sendTime: 'seconds' },
  derived: {
    names: ['stream_id'],
    derive: (_known, body) => ({ stream_id: streamIdFrom(body, STREAM_CANDIDATES) }),
  },
  keepQueryOf: ['img'],
  eventKey: (fields) =>
    eventKey('image-moderation', [
      timePart(fields.screenshotTime as number),
      hashPart(fields.img as string),
    ]),
});

export interface ImageModerationFields {
  event_type: number;
  /** Derived from `streamId` (or `channelId`); `-` when the callback names no stream. */
  stream_id: string;
  streamId?: string;
  channelId?: string;
  img: string;
  /** Unix seconds. */
  screenshotTime: number;
  screenshotTime_iso: string;
  sendTime?: number;
  sendTime_iso?: string;
  /** `Block`, `Review` or `Pass`. */
  suggestion?: string;
  /** The highest-priority label (`Porn`, `Ad`, ...) and its sub-label. */
  label?: string;
  subLabel?: string;
  /** Categories of the highest-priority label, and their scores: arrays, kept as sent. */
  type?: PlainJson;
  score?: PlainJson;
  ocrMsg?: string;
  level?: number;
  tid?: number;
  confidence?: number;
  normalScore?: number;
  hotScore?: number;
  pornScore?: number;
  similarScore?: number;
  terrorScore?: number;
  polityScore?: number;
  illegalScore?: number;
  abuseScore?: number;
  teenagerScore?: number;
  adScore?: number;
  customScore?: number;
  /** Result details, kept as sent. */
  labelResults?: PlainJson;
  objectResults?: PlainJson;
  ocrResults?: PlainJson;
  libResults?: PlainJson;
  appid?: number;
  app?: string;
  appname?: string;
  stream_param?: Record<string, string>;
  callback_ext?: PlainJson;
}

/** The `detail` of an `Image Moderation Result` event; `id` is `<stream_id>/image-moderation#<ISO time>#<hash>`. */
export type ImageModerationResultDetail = EventDetail<ImageModerationFields>;
