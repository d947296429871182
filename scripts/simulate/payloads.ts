/*
 * The callbacks Tencent CSS sends for a push, as its documentation lists their fields ("推断流回调",
 * "录制事件通知", "截图事件通知": cloud.tencent.com/document/product/267/47025, 267/47026 and
 * 267/47028): one small, typed, deterministic builder per event type. Given the same inputs and
 * the same seeded generator, a builder returns the same body. The bodies carry no `sign`/`t`: those
 * are added at each delivery (lib/callback/sign-callback.ts).
 *
 * A new event type: its body type and builder here, its entry in ./events.ts.
 */
import type { SeededRandom } from './random';

/** What every callback of one push shares: who pushed what, where, and with which URL. */
export interface PushContext {
  appid: number;
  /** The push domain (`app` in the callbacks). */
  domain: string;
  /** The push path (`appname`). */
  app: string;
  stream: string;
  /** The push session's number: push start and push end share it. */
  sequence: string;
  /** The push URL's query: `txSecret=...&txTime=...`, a secret. */
  streamParam: string;
  /** The pusher's address, and the CSS access point's. */
  userIp: string;
  node: string;
  width: number;
  height: number;
  /** 1-6: pushed from inside the Chinese mainland; 7-200: from outside. */
  setId: number;
  idcId: number;
}

interface StreamFields {
  appid: number;
  app: string;
  appname: string;
  stream_id: string;
  /** The same as stream_id. */
  channel_id: string;
}

/** Push start (`event_type` 1). */
export interface PushStartCallback extends StreamFields {
  event_type: 1;
  event_time: number;
  sequence: string;
  node: string;
  user_ip: string;
  stream_param: string;
  /** Milliseconds as a string; "0" at the start. */
  push_duration: string;
  errcode: number;
  errmsg: string;
  set_id: number;
  idc_id: number;
  width: number;
  height: number;
}

/** Push end (`event_type` 0): the start's fields, with why and how long. */
export interface PushEndCallback extends Omit<PushStartCallback, 'event_type'> {
  event_type: 0;
}

/** A recording file (`event_type` 100). */
export interface RecordingCallback extends StreamFields {
  event_type: 100;
  /** VOD's file id: 19 digits, as a string. */
  file_id: string;
  record_file_id: string;
  file_format: 'flv' | 'hls' | 'mp4' | 'aac';
  task_id: string;
  start_time: number;
  end_time: number;
  start_time_usec: number;
  end_time_usec: number;
  /** Seconds. */
  duration: number;
  /** Bytes. */
  file_size: number;
  stream_param: string;
  video_url: string;
  media_start_time: number;
  record_bps: number;
  /** A JSON object as a string: codec, resolution, the recording session. */
  callback_ext: string;
}

/** A screenshot (`event_type` 200). */
export interface ScreenshotCallback extends StreamFields {
  event_type: 200;
  stream_param: string;
  create_time: number;
  /** Bytes. */
  file_size: number;
  width: number;
  height: number;
  /** `/path/name.jpg` in the COS bucket. */
  pic_url: string;
  pic_full_url: string;
  task_id: string;
}

export type SimulatedCallbackBody =
  PushStartCallback | PushEndCallback | RecordingCallback | ScreenshotCallback;

/** Tencent's sample account id, as in the fixtures. */
export const SAMPLE_APPID = 1250000001;

const RESOLUTIONS = [
  [1920, 1080],
  [1280, 720],
] as const;

/** One push: its sequence, push URL parameters and addresses, drawn from `random`. */
export function pushContext(
  random: SeededRandom,
  {
    domain,
    app,
    stream,
    appid = SAMPLE_APPID,
  }: Pick<PushContext, 'domain' | 'app' | 'stream'> & {
    appid?: number;
  },
  /** Unix seconds the push URL expires: its `txTime`, in upper-case hex. */
  pushUrlExpiry: number,
): PushContext {
  const [width, height] = random.pick(RESOLUTIONS);
  return {
    appid,
    domain,
    app,
    stream,
    sequence: random.digits(19),
    streamParam: `txSecret=${random.hex(32)}&txTime=${pushUrlExpiry.toString(16).toUpperCase()}`,
    userIp: `198.51.100.${random.int(2, 254)}`,
    node: `203.0.113.${random.int(2, 254)}`,
    width,
    height,
    setId: random.int(1, 6),
    idcId: random.int(1, 60),
  };
}

function streamFields(push: PushContext): StreamFields {
  return {
    appid: push.appid,
    app: push.domain,
    appname: push.app,
    stream_id: push.stream,
    channel_id: push.stream,
  };
}

/** The push started at `time` (Unix seconds). */
export function pushStartCallback(
  push: PushContext,
  { time }: { time: number },
): PushStartCallback {
  return {
    event_type: 1,
    ...streamFields(push),
    event_time: time,
    sequence: push.sequence,
    node: push.node,
    user_ip: push.userIp,
    stream_param: push.streamParam,
    push_duration: '0',
    errcode: 0,
    errmsg: 'ok',
    set_id: push.setId,
    idc_id: push.idcId,
    width: push.width,
    height: push.height,
  };
}

/** The push that started at `start` ended at `end` (Unix seconds): the pusher stopped it. */
export function pushEndCallback(
  push: PushContext,
  { start, end }: { start: number; end: number },
): PushEndCallback {
  return {
    ...pushStartCallback(push, { time: end }),
    event_type: 0,
    push_duration: String((end - start) * 1000),
    // errcode 1: the pusher closed the stream (Tencent's "推流客户端主动断流").
    errcode: 1,
    errmsg: 'recv rtmp deleteStream',
  };
}

/** A recording file of the push, from `start` to `end` (Unix seconds). */
export function recordingCallback(
  push: PushContext,
  random: SeededRandom,
  {
    start,
    end,
    format = 'mp4',
  }: { start: number; end: number; format?: RecordingCallback['file_format'] },
): RecordingCallback {
  const fileId = `528589${random.digits(13)}`;
  const duration = end - start;
  const kilobitsPerSecond = push.height >= 1080 ? random.int(2800, 3200) : random.int(1400, 1700);
  const extension = format === 'hls' ? 'm3u8' : format;
  const path = format === 'hls' ? 'playlist' : 'f0';
  return {
    event_type: 100,
    ...streamFields(push),
    file_id: fileId,
    record_file_id: fileId,
    file_format: format,
    task_id: random.base64url(56),
    start_time: start,
    end_time: end,
    start_time_usec: random.int(0, 999_999),
    end_time_usec: random.int(0, 999_999),
    duration,
    file_size: Math.round((duration * kilobitsPerSecond * 1000) / 8),
    stream_param: push.streamParam,
    video_url: `https://${push.appid}.vod2.myqcloud.com/${random.hex(8)}vodcq${push.appid}/${random.hex(8)}${fileId}/${path}.${extension}`,
    media_start_time: random.int(0, 5000),
    record_bps: 0,
    callback_ext: JSON.stringify({
      video_codec: 'h264',
      resolution: `${push.width}x${push.height}`,
      session_id: random.hex(32),
    }),
  };
}

/** A screenshot of the push taken at `time` (Unix seconds), stored in COS. */
export function screenshotCallback(
  push: PushContext,
  random: SeededRandom,
  { time }: { time: number },
): ScreenshotCallback {
  const clock = new Date(time * 1000).toISOString().slice(11, 19).replaceAll(':', '-');
  const picUrl = `/${push.appid}/${push.stream}/${push.stream}-screenshot-${clock}-${push.width}x${push.height}.jpg`;
  return {
    event_type: 200,
    ...streamFields(push),
    stream_param: push.streamParam,
    create_time: time,
    file_size: random.int(40_000, 180_000),
    width: push.width,
    height: push.height,
    pic_url: picUrl,
    pic_full_url: `https://screenshot-${push.appid}.cos.ap-guangzhou.myqcloud.com${picUrl}`,
    task_id: random.base64url(32),
  };
}
