import * as v from 'valibot';
import { defineKind } from '../define-kind';
import type { DetailOf } from '../detail';
import { eventKey, recordHash, textPart } from '../event-key';
import { identifier, jsonText, keptAsSent, keyText, numeric, text } from '../fields';

export const AUDIO_MODERATION_DETAIL_TYPE = 'Audio Moderation Result';

/**
 * Audio moderation flagged a segment of a stream's sound (Tencent `event_type` 315; only
 * suspicious results are sent, a segment every few seconds at most).
 *
 * Fields from Tencent's "音频审核事件通知" (Audio Moderation Notification,
 * https://www.tencentcloud.com/document/product/267/58643: the field table and sample of 2025-02,
 * and the table of 2025-12, which adds `bizid`, `HitFlag`, `Score`, `SubTag`, `task_id`,
 * `status`, `seq`). No public receiver of this type was found to check them against.
 */
export const audioModerationKind = defineKind({
  name: 'audio-moderation',
  eventTypes: [315],
  detailType: AUDIO_MODERATION_DETAIL_TYPE,
  highVolume: true,
  fields: () => ({
    /** The stream's name. */
    stream_id: keyText,
    /** The moderation task; a number in Tencent's table, kept as a string (it is part of the key). */
    task_id: v.optional(identifier),
    /** The segment's number in its task; a number in Tencent's table, kept as a string. */
    seq: v.optional(identifier),
    request_id: v.optional(text),
    /** Your account's APPID. */
    appid: v.optional(numeric),
    bizid: v.optional(numeric),
    channel_id: v.optional(text),
    /** The push domain. */
    domain: v.optional(text),
    /** The push path. */
    path: v.optional(text),
    interface: v.optional(text),
    /** 2: normal. */
    status: v.optional(numeric),
    /** `Block`, `Review` or `Pass`. */
    suggestion: v.optional(text),
    label: v.optional(text),
    sub_label: v.optional(text),
    /** 1 when the audio hit a moderation model. */
    HitFlag: v.optional(numeric),
    /** 0-100: confidence in `label`. */
    Score: v.optional(numeric),
    SubTag: v.optional(text),
    /** The transcribed text. */
    asr_text: v.optional(text),
    cdn_url: v.optional(text),
    /** Seconds of speech recognised. */
    duration: v.optional(numeric),
    /** Result details (an array), kept as sent. */
    text_results: keptAsSent,
    /** Result details (an array), kept as sent. */
    moan_results: keptAsSent,
    /** Result details (an array), kept as sent. */
    language_results: keptAsSent,
    /** Result details (an array), kept as sent. */
    recognition_results: keptAsSent,
    /** Result details (an array), kept as sent. */
    speaker_results: keptAsSent,
    /** The recognised speech (`asr_tmp_full_results`), kept as sent. */
    data: keptAsSent,
    callback_ext: jsonText,
  }),
  /**
   * `audio-moderation#<task_id>#<seq>`: Tencent numbers the segments (`seq`, "audio sequence") of
   * a moderation task (`task_id`), so a task's results read in order. The callback carries no
   * time of its own at the top level, so the key cannot start with one. Without `task_id` its
   * part is `-`; without `seq` the part is a hash of the whole record (as for unknown types), so
   * a result is never refused for lack of them.
   */
  eventKey: (fields) =>
    eventKey('audio-moderation', [
      typeof fields.task_id === 'string' ? textPart(fields.task_id) : '-',
      typeof fields.seq === 'string' ? textPart(fields.seq) : recordHash(fields),
    ]),
});

/** The `detail` of an `Audio Moderation Result` event. */
export type AudioModerationResultDetail = DetailOf<typeof audioModerationKind>;
