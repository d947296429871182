import * as v from 'valibot';
import type { PlainJson } from '../../json/json';
import { defineEventsKind } from '../define-kind';
import type { EventDetail } from '../detail';
import { eventKey, recordHash, textPart } from '../event-key';
import { identifier, keyText, numeric, text } from '../fields';

export const AUDIO_MODERATION_DETAIL_TYPE = 'Audio Moderation Result';

/**
 * Audio moderation flagged a segment of a stream's sound (`event_type` 315; only suspicious
 * results are sent, a segment every few seconds at most).
 *
 * Key: `audio-moderation#<task_id>#<seq>`: Tencent numbers the segments (`seq`, "audio sequence")
 * of a moderation task (`task_id`), so a task's results read in order. The callback carries no
 * time of its own at the top level (only `data.asr_tmp_full_results[].create_time`, in the
 * sample), so the key cannot start with one. Both are optional in Tencent's table: without
 * `task_id` its part is `-`; without `seq` the part is a hash of the whole record (as for
 * unknown types), so a result is never refused for lack of them.
 *
 * Fields from Tencent's "音频审核事件通知" (Audio Moderation Notification,
 * https://www.tencentcloud.com/document/product/267/58643: the field table and sample of 2025-02,
 * and the table of 2025-12, which adds `bizid`, `HitFlag`, `Score`, `SubTag`, `task_id`,
 * `status`, `seq`). No public receiver of this type was found to check them against.
 */
export const audioModerationKind = defineEventsKind({
  name: 'audio-moderation',
  eventTypes: [315],
  detailType: AUDIO_MODERATION_DETAIL_TYPE,
  highVolume: true,
  fields: () =>
    v.object({
      stream_id: keyText,
      task_id: v.optional(identifier),
      seq: v.optional(identifier),
      request_id: v.optional(text),
      appid: v.optional(numeric),
      bizid: v.optional(numeric),
      channel_id: v.optional(text),
      domain: v.optional(text),
      path: v.optional(text),
      interface: v.optional(text),
      status: v.optional(numeric),
      suggestion: v.optional(text),
      label: v.optional(text),
      sub_label: v.optional(text),
      HitFlag: v.optional(numeric),
      Score: v.optional(numeric),
      SubTag: v.optional(text),
      asr_text: v.optional(text),
      cdn_url: v.optional(text),
      /** Seconds of speech recognised. */
      duration: v.optional(numeric),
    }),
  eventKey: (fields) =>
    eventKey('audio-moderation', [
      typeof fields.task_id === 'string' ? textPart(fields.task_id) : '-',
      typeof fields.seq === 'string' ? textPart(fields.seq) : recordHash(fields),
    ]),
});

export interface AudioModerationFields {
  event_type: number;
  stream_id: string;
  /** The moderation task; a number in Tencent's table, kept as a string (it is part of the key). */
  task_id?: string;
  /** The segment's number in its task; a number in Tencent's table, kept as a string. */
  seq?: string;
  request_id?: string;
  appid?: number;
  bizid?: number;
  channel_id?: string;
  /** The push domain and path. */
  domain?: string;
  path?: string;
  interface?: string;
  /** 2: normal. */
  status?: number;
  /** `Block`, `Review` or `Pass`. */
  suggestion?: string;
  label?: string;
  sub_label?: string;
  /** 1 when the audio hit a moderation model. */
  HitFlag?: number;
  /** 0-100: confidence in `label`. */
  Score?: number;
  SubTag?: string;
  /** The transcribed text. */
  asr_text?: string;
  cdn_url?: string;
  duration?: number;
  /** Result details, kept as sent. */
  text_results?: PlainJson;
  moan_results?: PlainJson;
  language_results?: PlainJson;
  recognition_results?: PlainJson;
  speaker_results?: PlainJson;
  data?: PlainJson;
  callback_ext?: PlainJson;
}

/** The `detail` of an `Audio Moderation Result` event; `id` is `<stream_id>/audio-moderation#<task_id>#<seq>`. */
export type AudioModerationResultDetail = EventDetail<AudioModerationFields>;
