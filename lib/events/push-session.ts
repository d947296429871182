import * as v from 'valibot';
import type { JsonMap, JsonValue, PlainJson } from '../json/json';
import type { ItemKey } from '../record/record';
import { eventKey, textPart, timePart } from './event-key';
import { blankable, identifier, keyText, numeric, text, unixTime } from './fields';
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
  return v.object({
    stream_id: keyText,
    /** One push: its start and its end share it. */
    sequence: identifier,
    event_time: unixTime,
    appid: v.optional(numeric),
    app: v.optional(text),
    appname: v.optional(text),
    channel_id: v.optional(text),
    node: v.optional(text),
    user_ip: v.optional(text),
    stream_param: v.optional(text),
    /** Milliseconds, sent as a string; `""` or absent on a start. */
    push_duration: blankable(numeric),
    errcode: v.optional(numeric),
    errmsg: v.optional(text),
    set_id: v.optional(numeric),
    width: v.optional(numeric),
    height: v.optional(numeric),
  });
}

export const PUSH_TIMES = { event_time: 'seconds' } as const;

/** The fields of a push start or end as published (numbers as plain numbers). */
export interface PushFields {
  event_type: number;
  stream_id: string;
  /** Tencent's id of one push: the start and the end of a push share it. */
  sequence: string;
  /** Unix seconds: when Tencent produced the callback. */
  event_time: number;
  event_time_iso: string;
  appid?: number;
  /** The push domain. */
  app?: string;
  /** The push path (`live`). */
  appname?: string;
  channel_id?: string;
  /** The access point's IP. */
  node?: string;
  /** The pusher's IP. */
  user_ip?: string;
  /** The push URL's query as a map; secret-bearing values are `"[redacted]"`. */
  stream_param?: Record<string, string>;
  /** Milliseconds the push lasted (on an end). */
  push_duration?: number;
  errcode?: number;
  errmsg?: string;
  /** 1-6: pushed inside the Chinese mainland; 7-200: outside. */
  set_id?: number;
  /** May be 0 on a start, before the video header arrived. */
  width?: number;
  height?: number;
  callback_ext?: PlainJson;
}

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
