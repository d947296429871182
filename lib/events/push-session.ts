import * as v from 'valibot';
import type { JsonMap, JsonValue } from '../json/json';
import type { ItemKey } from '../record/record';
import { eventKey, textPart, timePart } from './event-key';
import { blankable, identifier, jsonText, keyText, numeric, text, unixTime } from './fields';
import type { Projection } from './kind';
import { dropUndefined } from './normalise-callback';

/*
 * A push's start (`event_type` 1) and end (0) callbacks carry the same fields and the same
 * `sequence`. Fields from Tencent's "推断流事件通知" (Stream Pushing Notification):
 * https://cloud.tencent.com/document/product/267/47025 and https://www.tencentcloud.com/document/product/267/38081
 * (the field table, and the start/end sample pair of 2023-12 with `push_duration` "128581"),
 * checked against two public receivers: leslie-wang/clusterd's `LiveCallbackStreamEvent` (a
 * Tencent-compatible server: `push_duration` a string) and a Go receiver that reads
 * `push_duration` as a string or a number ("腾讯云可能传字符串", and `""` on a start).
 */
export function pushFields() {
  return {
    /** The stream's name. */
    stream_id: keyText,
    /** Tencent's id of one push: its start and its end share it. */
    sequence: identifier,
    /** Unix seconds: when Tencent produced the callback. */
    event_time: unixTime,
    /** Your account's APPID. */
    appid: v.optional(numeric),
    /** The push domain. */
    app: v.optional(text),
    /** The push path (`live`). */
    appname: v.optional(text),
    /** The same as `stream_id`. */
    channel_id: v.optional(text),
    /** The IP of Tencent's access point. */
    node: v.optional(text),
    /** The pusher's IP. */
    user_ip: v.optional(text),
    stream_param: v.optional(text),
    /** Milliseconds the push lasted, on an end (sent as a string; `""` or absent on a start). */
    push_duration: blankable(numeric),
    /** Why the push ended: Tencent's stream interruption error code (`0` on a start). */
    errcode: v.optional(numeric),
    errmsg: v.optional(text),
    /** 1-6: pushed inside the Chinese mainland; 7-200: outside. */
    set_id: v.optional(numeric),
    /** The video's width; may be 0 on a start, before the video header arrived. */
    width: v.optional(numeric),
    /** The video's height; may be 0 on a start. */
    height: v.optional(numeric),
    callback_ext: jsonText,
  };
}

export const PUSH_TIMES = { event_time: 'seconds' } as const;

/** `<prefix>#<ISO event_time>#<sequence>`: a stream's pushes in time order. */
export function pushEventKey(prefix: string, fields: JsonMap): string {
  return eventKey(prefix, [
    timePart(fields.event_time as number),
    textPart(fields.sequence as string),
  ]);
}

/** The one item a push's start and end both fill in: `session#<sequence>`. */
export function sessionKey(fields: JsonMap): ItemKey {
  return {
    stream_id: fields.stream_id as string,
    event_key: eventKey('session', [textPart(fields.sequence as string)]),
  };
}

/**
 * What a person browsing a stream's sessions wants, from a start: when, from where, at what
 * resolution. Start and end set different attributes (`sequence` aside, which they share), so the
 * session is the same whichever callback arrives first, and applying one again changes nothing.
 */
export function startProjection(fields: JsonMap): Projection {
  return {
    key: sessionKey(fields),
    set: defined({
      sequence: fields.sequence,
      start_time: fields.event_time,
      start_time_iso: fields.event_time_iso,
      appid: fields.appid,
      app: fields.app,
      appname: fields.appname,
      user_ip: fields.user_ip,
      node: fields.node,
      set_id: fields.set_id,
      start_width: fields.width,
      start_height: fields.height,
    }),
    derive: deriveSession,
  };
}

/** From an end: when, why (Tencent's error code and message), and Tencent's own push duration. */
export function endProjection(fields: JsonMap): Projection {
  return {
    key: sessionKey(fields),
    set: defined({
      sequence: fields.sequence,
      end_time: fields.event_time,
      end_time_iso: fields.event_time_iso,
      errcode: fields.errcode,
      errmsg: fields.errmsg,
      push_duration: fields.push_duration,
      end_width: fields.width,
      end_height: fields.height,
    }),
    derive: deriveSession,
  };
}

/**
 * Once both callbacks are in: `duration` in seconds (`end_time - start_time`); and `width` and
 * `height`, the end's when it has them (a start may report 0 before the video header arrived).
 */
export function deriveSession(item: JsonMap): JsonMap | undefined {
  const derived: JsonMap = {};
  const { start_time: start, end_time: end } = item;
  if (typeof start === 'number' && typeof end === 'number') derived.duration = end - start;
  for (const side of ['end', 'start'] as const) {
    const width = item[`${side}_width`];
    const height = item[`${side}_height`];
    if (positive(width) && positive(height)) {
      derived.width = width;
      derived.height = height;
      break;
    }
  }
  return Object.keys(derived).length > 0 ? derived : undefined;
}

function positive(value: JsonValue | undefined): value is JsonValue {
  return value !== undefined && value !== null && Number(value) > 0;
}

function defined(values: Record<string, JsonValue | undefined>): JsonMap {
  return dropUndefined(values);
}
