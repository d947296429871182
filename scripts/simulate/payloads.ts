/*
 * The callbacks Tencent CSS sends for a push, as its documentation lists their fields ("推断流回调",
 * "录制事件通知", "截图事件通知": cloud.tencent.com/document/product/267/47025, 267/47026 and
 * 267/47028; recording status, 267/58590; image moderation, 267/47029; audio moderation, 267/58643;
 * push errors, 267/53310; recording errors, 267/68622, on tencentcloud.com): one small, typed,
 * deterministic builder per event type, each body shaped as its fixture in test/fixtures/. Given
 * the same inputs and the same seeded generator, a builder returns the same body. The bodies carry
 * no `sign`/`t`: those are added at each delivery (lib/callback/sign-callback.ts).
 *
 * A new event type: its body type and builder here, its entry in ./events.ts. Each body type is
 * checked against its kind's declaration in lib/events/kinds/ (below): a field the service renames
 * or retypes, or makes required, fails the build here.
 */
import type { CallbackOf } from '../../lib/events/detail';
import type { audioModerationKind } from '../../lib/events/kinds/audio-moderation';
import type { imageModerationKind } from '../../lib/events/kinds/image-moderation';
import type { pushEndedKind } from '../../lib/events/kinds/push-ended';
import type { pushExceptionKind } from '../../lib/events/kinds/push-exception';
import type { pushStartedKind } from '../../lib/events/kinds/push-started';
import type { recordingKind } from '../../lib/events/kinds/recording';
import type { recordingExceptionKind } from '../../lib/events/kinds/recording-exception';
import type { recordingStatusKind } from '../../lib/events/kinds/recording-status';
import type { screenshotKind } from '../../lib/events/kinds/screenshot';
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

/** Image moderation flagged a picture of the stream (`event_type` 317): camelCase fields. */
export interface ImageModerationCallback {
  event_type: 317;
  streamId: string;
  channelId: string;
  /** The flagged picture. */
  img: string;
  /** The categories of the highest-priority label, and their scores. */
  type: number[];
  score: number[];
  /** `Block` or `Review`: only suspicious results are sent. */
  suggestion: 'Block' | 'Review';
  label: string;
  subLabel: string;
  ocrMsg: string;
  level: number;
  /** Unix seconds: when the picture was taken, and when the result was sent. */
  screenshotTime: number;
  sendTime: number;
  labelResults: ModerationResult[];
  objectResults: (ModerationResult & { Names: string[] })[];
  ocrResults: (ModerationResult & { Text: string })[];
  abductionRisk: unknown[];
  faceDetails: unknown[];
  /** The older page's fields, still sent "for compatibility". */
  tid: number;
  confidence: number;
  normalScore: number;
  hotScore: number;
  pornScore: number;
  similarScore: number;
  stream_param: string;
  app: string;
  appname: string;
  appid: number;
}

/** One scene's result in image moderation's `labelResults`, `objectResults`, `ocrResults`. */
interface ModerationResult {
  HitFlag: 0 | 1;
  Scene: string;
  Suggestion: string;
  Label: string;
  SubLabel: string;
  Score: number;
  Details?: { Id: number; Name: string; Score: number }[];
}

/** Audio moderation flagged a segment of the stream's sound (`event_type` 315). */
export interface AudioModerationCallback {
  event_type: 315;
  stream_id: string;
  channel_id: string;
  /** The moderation task and the segment's number in it: numbers, as Tencent sends them. */
  task_id: number;
  seq: number;
  request_id: string;
  appid: number;
  domain: string;
  path: string;
  interface: 'general_callback';
  /** 2: normal. */
  status: number;
  suggestion: 'Block' | 'Review';
  label: string;
  sub_label: string;
  HitFlag: 1;
  Score: number;
  SubTag: string;
  /** The speech, transcribed. */
  asr_text: string;
  cdn_url: string;
  /** Seconds of speech recognised. */
  duration: number;
  data: {
    asr_tmp_full_results: {
      appearing_point: [number, number];
      confidence: number;
      /** Unix seconds. */
      create_time: number;
      id: string;
      periods: string;
      url: string;
    }[];
  };
  text_results: {
    HitInfos: {
      Keyword: string;
      LibName: string;
      Positions: { End: number; Start: number }[];
      Type: 'Keyword';
    }[];
    Keywords: string[];
    Label: string;
    LibId: string;
    LibName: string;
    LibType: number;
    Score: number;
    SubLabel: string;
    Suggestion: string;
  }[];
  moan_results: {
    EndTime: number;
    Label: string;
    Score: number;
    StartTime: number;
    SubLabel: string;
    Suggestion: string;
  }[];
  language_results: unknown[];
  recognition_results: unknown[];
  speaker_results: unknown[];
}

/** What went wrong in a push during one reporting interval (`event_type` 321). */
export interface PushExceptionCallback {
  event_type: 321;
  stream_id: string;
  /** Unix milliseconds: when the report was made. */
  data_time: number;
  /** Milliseconds between two reports. */
  report_interval: number;
  sequence: string;
  appid: number;
  domain: string;
  path: string;
  user_ip: string;
  stream_param: string;
  /** Milliseconds Tencent waits for an answer. */
  timeout: number;
  interface: 'general_callback';
  abnormal_event: {
    /** 6: video frames more than 3 s apart; 7: audio frames more than 1 s apart; ... */
    type: number;
    count: number;
    detail: { desc: string; occur_time: number }[];
    type_desc_cn: string;
    type_desc_en: string;
  }[];
}

/** Recording started or ended (`event_type` 332; also paused, resumed, failed). */
export interface RecordingStatusCallback {
  event_type: 332;
  stream_id: string;
  /** Tencent's number of this message: 19 digits, as a string. */
  seq: string;
  /** Unix seconds. */
  event_time: number;
  record_event: 'record_start_succeeded' | 'record_ended';
  /** The recording session: one per recording of a stream in one format. */
  session_id: string;
  /** JSON in a string: `file_format` (1 FLV, 2 HLS, 3 MP4, 4 AAC), `start_model` 1 (template), ... */
  record_detail: string;
  appid: number;
  appname: string;
  domain: string;
}

/** Something went wrong while recording (`event_type` 341). */
export interface RecordingExceptionCallback {
  event_type: 341;
  interface: 'general_callback';
  appid: number;
  domain: string;
  path: string;
  stream_id: string;
  session_id: string;
  /** `flv`, `ts` (HLS), `mp4`, `aac`. */
  file_format: string;
  /** Unix seconds. */
  timestamp: number;
  exception_level: 'info' | 'warning' | 'error';
  exception: { type: number; desc: string; occurs: number };
}

export type SimulatedCallbackBody =
  | PushStartCallback
  | PushEndCallback
  | RecordingCallback
  | ScreenshotCallback
  | ImageModerationCallback
  | AudioModerationCallback
  | PushExceptionCallback
  | RecordingStatusCallback
  | RecordingExceptionCallback;

/** `Body`, which the compiler checks is a callback kind `K` accepts. */
type AcceptedBy<K, Body extends CallbackOf<K>> = Body;

/** Every body above is one its kind accepts. */
export type AcceptedBodies = [
  AcceptedBy<typeof pushStartedKind, PushStartCallback>,
  AcceptedBy<typeof pushEndedKind, PushEndCallback>,
  AcceptedBy<typeof recordingKind, RecordingCallback>,
  AcceptedBy<typeof screenshotKind, ScreenshotCallback>,
  AcceptedBy<typeof imageModerationKind, ImageModerationCallback>,
  AcceptedBy<typeof audioModerationKind, AudioModerationCallback>,
  AcceptedBy<typeof pushExceptionKind, PushExceptionCallback>,
  AcceptedBy<typeof recordingStatusKind, RecordingStatusCallback>,
  AcceptedBy<typeof recordingExceptionKind, RecordingExceptionCallback>,
];

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
    bytesPerSecond,
  }: {
    start: number;
    end: number;
    format?: RecordingCallback['file_format'];
    /** The file's size for each second of it, instead of a video bitrate's. */
    bytesPerSecond?: number;
  },
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
    file_size: Math.round(duration * (bytesPerSecond ?? (kilobitsPerSecond * 1000) / 8)),
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

/** One recording of the push, in one format: its recording status and errors name it. */
export interface RecordingSession {
  /** 19 digits, as a string. */
  sessionId: string;
  format: RecordingCallback['file_format'];
}

export function recordingSession(
  random: SeededRandom,
  format: RecordingCallback['file_format'],
): RecordingSession {
  return { sessionId: random.digits(19), format };
}

/** `record_detail`'s `file_format`: Tencent's numbers for the formats. */
const RECORD_DETAIL_FORMATS = { flv: 1, hls: 2, mp4: 3, aac: 4 } as const;

/** A recording of the push started or ended at `time` (Unix seconds). */
export function recordingStatusCallback(
  push: PushContext,
  random: SeededRandom,
  {
    time,
    event,
    session,
  }: { time: number; event: RecordingStatusCallback['record_event']; session: RecordingSession },
): RecordingStatusCallback {
  return {
    event_type: 332,
    stream_id: push.stream,
    seq: random.digits(19),
    event_time: time,
    record_event: event,
    session_id: session.sessionId,
    // start_model 1: started by the recording template; record_content 1: the original stream;
    // source_type 1: a pushed stream.
    record_detail: JSON.stringify({
      file_format: RECORD_DETAIL_FORMATS[session.format],
      record_bps: 0,
      start_model: 1,
      record_content: 1,
      source_type: 1,
      codec_temp_id: 0,
    }),
    appid: push.appid,
    appname: push.app,
    domain: push.domain,
  };
}

/** Recording errors Tencent documents, and how it describes them. */
const RECORDING_EXCEPTIONS = [
  {
    type: -201,
    level: 'info',
    desc: (deviation: number) => `video ts deviation: ${deviation}.000000`,
  },
  {
    type: -200,
    level: 'info',
    desc: (deviation: number) => `audio ts deviation: ${deviation}.000000`,
  },
] as const;

/** What went wrong while recording, reported at `time` (Unix seconds; repeats merged). */
export function recordingExceptionCallback(
  push: PushContext,
  random: SeededRandom,
  { time, session }: { time: number; session: RecordingSession },
): RecordingExceptionCallback {
  const exception = random.pick(RECORDING_EXCEPTIONS);
  return {
    interface: 'general_callback',
    event_type: 341,
    appid: push.appid,
    domain: push.domain,
    path: push.app,
    stream_id: push.stream,
    session_id: session.sessionId,
    // HLS is recorded as TS segments.
    file_format: session.format === 'hls' ? 'ts' : session.format,
    timestamp: time,
    exception_level: exception.level,
    exception: {
      type: exception.type,
      desc: exception.desc(random.int(1, 20) * 50),
      occurs: random.int(1, 8),
    },
  };
}

/** Milliseconds between two reports of push errors, and Tencent's wait for an answer. */
const PUSH_EXCEPTION_INTERVAL_MS = 5000;

/** Push errors Tencent documents: frames arriving late, as in its sample. */
const PUSH_EXCEPTIONS = [
  {
    type: 6,
    type_desc_cn: '视频帧到达时间差值大于1000ms',
    type_desc_en: 'video frame arrive interval bigger than 1000(ms)',
    desc: (interval: number) => `video frame arrive interval too long, interval=${interval}(msec)`,
    interval: [3001, 3600],
  },
  {
    type: 7,
    type_desc_cn: '音频帧到达时间差值大于1000ms',
    type_desc_en: 'audio frame arrive interval bigger than 1000(ms)',
    desc: (interval: number) => `audio frame arrive interval too long, interval=${interval}(msec)`,
    interval: [1001, 3600],
  },
] as const;

/**
 * The push's network faltered in the report interval ending at `time` (Unix seconds): video and
 * audio frames arrived late, a few times each.
 */
export function pushExceptionCallback(
  push: PushContext,
  random: SeededRandom,
  { time }: { time: number },
): PushExceptionCallback {
  const dataTime = time * 1000 + random.int(0, 999);
  return {
    event_type: 321,
    stream_id: push.stream,
    data_time: dataTime,
    report_interval: PUSH_EXCEPTION_INTERVAL_MS,
    sequence: push.sequence,
    appid: push.appid,
    domain: push.domain,
    path: push.app,
    user_ip: push.userIp,
    stream_param: push.streamParam,
    timeout: PUSH_EXCEPTION_INTERVAL_MS,
    interface: 'general_callback',
    abnormal_event: PUSH_EXCEPTIONS.map(({ desc, interval, ...exception }) => {
      const occurrences = Array.from({ length: random.int(1, 3) }, () => ({
        desc: desc(random.int(interval[0], interval[1])),
        occur_time: dataTime - random.int(1, PUSH_EXCEPTION_INTERVAL_MS - 1),
      })).sort((a, b) => a.occur_time - b.occur_time);
      return { count: occurrences.length, detail: occurrences, ...exception };
    }),
  };
}

/** A suspicious verdict: `Block` from a score of 90, `Review` below. */
function flagged(score: number): 'Block' | 'Review' {
  return score >= 90 ? 'Block' : 'Review';
}

/** A scene moderation looked at and found nothing in. */
function passed(scene: string): ModerationResult {
  return { HitFlag: 0, Scene: scene, Suggestion: 'Pass', Label: 'Normal', SubLabel: '', Score: 0 };
}

/**
 * Image moderation flagged the picture of `screenshot` (its time and its URL): Tencent sends only
 * suspicious results, a couple of seconds after the picture.
 */
export function imageModerationCallback(
  push: PushContext,
  random: SeededRandom,
  { screenshot }: { screenshot: ScreenshotCallback },
): ImageModerationCallback {
  const score = random.int(75, 99);
  const suggestion = flagged(score);
  return {
    event_type: 317,
    streamId: push.stream,
    channelId: push.stream,
    img: screenshot.pic_full_url,
    type: [1],
    score: [score],
    suggestion,
    label: 'Porn',
    subLabel: 'PornHigh',
    ocrMsg: '',
    level: 0,
    screenshotTime: screenshot.create_time,
    sendTime: screenshot.create_time + random.int(1, 3),
    labelResults: [
      {
        HitFlag: 1,
        Scene: 'Porn',
        Suggestion: suggestion,
        Label: 'Porn',
        SubLabel: 'PornHigh',
        Score: score,
        Details: [{ Id: 0, Name: 'PornHigh', Score: score }],
      },
      { ...passed('Terror'), Details: [] },
    ],
    objectResults: [{ ...passed('QrCode'), Names: [], Details: [] }],
    ocrResults: [{ ...passed('OCR'), Text: '', Details: [] }],
    abductionRisk: [],
    faceDetails: [],
    tid: 20001,
    confidence: 0,
    normalScore: 100 - score,
    hotScore: score,
    pornScore: 0,
    similarScore: 0,
    stream_param: push.streamParam,
    app: push.domain,
    appname: push.app,
    appid: push.appid,
  };
}

/** What a pusher says that audio moderation flags as an ad: a way to contact them. */
const FLAGGED_SPEECH = [
  { text: 'provide mobile phone number for easy contact', keyword: 'mobile phone number' },
  { text: 'add me on wechat for the discount code', keyword: 'wechat' },
] as const;

/** Audio moderation flagged a segment of speech recognised at `time` (Unix seconds). */
export function audioModerationCallback(
  push: PushContext,
  random: SeededRandom,
  { time }: { time: number },
): AudioModerationCallback {
  const speech = random.pick(FLAGGED_SPEECH);
  const score = random.int(75, 99);
  const suggestion = flagged(score);
  const seconds = random.int(5, 15);
  const start = speech.text.indexOf(speech.keyword);
  const clock = new Date(time * 1000).toISOString().slice(11, 19).replaceAll(':', '-');
  const point = random.int(100_000, 9_000_000) / 10;
  return {
    event_type: 315,
    stream_id: push.stream,
    channel_id: push.stream,
    task_id: random.int(10_000_000, 99_999_999),
    seq: random.int(1_000_000_000, 4_294_967_295),
    request_id: [8, 4, 4, 4, 12].map((length) => random.hex(length)).join('-'),
    appid: push.appid,
    domain: push.domain,
    path: push.app,
    interface: 'general_callback',
    status: 2,
    suggestion,
    label: 'Ad',
    sub_label: 'Contact',
    HitFlag: 1,
    Score: score,
    SubTag: 'Contact',
    asr_text: speech.text,
    cdn_url: '',
    duration: seconds,
    data: {
      asr_tmp_full_results: [
        {
          appearing_point: [point, Math.round((point + seconds) * 10) / 10],
          confidence: 100,
          create_time: time,
          id: '',
          periods: `00:00:00-00:00:${String(seconds).padStart(2, '0')}`,
          url: `https://screenshot-${push.appid}.cos.ap-guangzhou.myqcloud.com/audit/${push.stream}-Audit-${clock}.wav`,
        },
      ],
    },
    language_results: [],
    moan_results: [
      {
        EndTime: seconds,
        Label: 'Ad',
        Score: 0,
        StartTime: 0,
        SubLabel: 'Contact',
        Suggestion: 'Pass',
      },
    ],
    recognition_results: [],
    speaker_results: [],
    text_results: [
      {
        HitInfos: [
          {
            Keyword: speech.keyword,
            LibName: 'ViolationThesaurus',
            Positions: [{ End: start + speech.keyword.length, Start: start }],
            Type: 'Keyword',
          },
        ],
        Keywords: [speech.keyword],
        Label: 'Ad',
        LibId: '',
        LibName: '',
        LibType: 0,
        Score: 100,
        SubLabel: '',
        Suggestion: suggestion,
      },
    ],
  };
}
