import type { DetailType, DetailsByType } from './detail-types';
import type { RecordingFileCreatedDetail } from './kinds/recording';
import { formatBytes, formatDuration, formatTime, oneLine, utc } from './summary-format';

/*
 * One line per event, for a person reading a terminal or a log: what happened, on which stream,
 * which version, the essentials of its kind, and when (UTC). Never a secret: `stream_param`,
 * `callback_ext` and the other free-form fields are left out, and whatever a field holds, the line
 * stays one line (control characters and line separators become `?`).
 *
 * The summarisers read only the detail: this file imports no kind's validator, so a subscriber that
 * prints these lines bundles a few kilobytes. A kind without a line here would print the generic
 * one; the compiler asks for one per detail-type the service publishes (`DetailsByType`: the
 * callbacks' kinds and the service's own events), and test/unit/events/summarise.test.ts checks it.
 */

type Summarisers = { [T in DetailType]: (detail: DetailsByType[T]) => string };

const SUMMARISERS: Summarisers = {
  'Stream Push Started': (detail) =>
    line('Push started', detail, [
      `sequence ${detail.sequence}`,
      resolution(detail.width, detail.height),
      formatTime(detail.event_time),
    ]),

  'Stream Push Ended': (detail) =>
    line('Push ended', detail, [
      `sequence ${detail.sequence}`,
      isNumber(detail.push_duration) && `pushed ${formatDuration(detail.push_duration / 1000)}`,
      isNumber(detail.errcode) && withNote(`errcode ${detail.errcode}`, detail.errmsg),
      formatTime(detail.event_time),
    ]),

  'Recording File Created': (detail) => summariseRecording(detail),

  'Screenshot Created': (detail) =>
    line('Screenshot', detail, [
      resolution(detail.width, detail.height),
      isNumber(detail.file_size) && formatBytes(detail.file_size),
      formatTime(detail.create_time),
      detail.pic_full_url || detail.pic_url,
    ]),

  'Image Moderation Result': (detail) =>
    line('Image moderation', detail, [
      verdict(
        detail.suggestion,
        detail.label,
        detail.subLabel,
        highest(detail.score ?? detail.socre),
      ),
      formatTime(detail.screenshotTime),
      detail.img,
    ]),

  'Audio Moderation Result': (detail) =>
    line('Audio moderation', detail, [
      verdict(detail.suggestion, detail.label, detail.sub_label, highest(detail.Score)),
      detail.task_id !== undefined && `task ${detail.task_id}`,
      detail.seq !== undefined && `segment ${detail.seq}`,
      // The callback has no time of its own; its speech results carry theirs.
      isNumber(firstResultTime(detail.data)) && formatTime(firstResultTime(detail.data)),
    ]),

  'Push Exception': (detail) =>
    line('Push exception', detail, [
      abnormalEvents(detail.abnormal_event),
      formatTime(detail.data_time, 'milliseconds'),
    ]),

  'Recording Status Changed': (detail) =>
    line('Recording status', detail, [
      detail.record_event,
      recordFormat(detail.record_detail),
      detail.session_id !== undefined && `session ${detail.session_id}`,
      formatTime(detail.event_time),
    ]),

  'Recording Exception': (detail) =>
    line('Recording exception', detail, [
      recordingException(detail.exception_level, detail.exception),
      detail.file_format,
      `session ${detail.session_id}`,
      formatTime(detail.timestamp),
    ]),

  'Callback Received': (detail) =>
    line('Callback received', detail, [`event_type ${detail.event_type}`, `id ${detail.id}`]),

  // Named by the recording's id, as its `Recording File Created` line is: the two read as a pair.
  'Recording File Archived': (detail) =>
    oneLine(
      `Archived ${detail.id} v${detail.version}: ${formatBytes(detail.bytes)} to ${detail.uri}`,
    ),
};

/**
 * The line of an event of the bus, from its `detail-type` and `detail`; an event of a detail-type
 * this version does not know (a kind added later) gets a generic line.
 *
 * @example
 * summariseEvent(event['detail-type'], event.detail);
 * // 'Push ended test_stream v1: sequence 2210464508206756938, pushed 2m09s,
 * //  errcode 1 (The push client actively stopped the push), 2023-12-28 02:46:46 UTC'
 */
export function summariseEvent<T extends DetailType>(
  detailType: T,
  detail: DetailsByType[T],
): string {
  const summarise: ((detail: DetailsByType[T]) => string) | undefined = SUMMARISERS[detailType];
  if (summarise === undefined) return line(detailType, detail, [`id ${detail.id}`]);
  return summarise(detail);
}

/** The detail-types with a line of their own. */
export const SUMMARISED_DETAIL_TYPES: readonly string[] = Object.keys(SUMMARISERS);

/**
 * One line a person can read in a terminal or a log: which file, how long, how big, when its
 * content was recorded (content start = `end_time - duration`) and where to fetch it.
 * No secret is in it: `stream_param` (which may carry the push secret) is left out.
 *
 * @example
 * summariseRecording(event.detail);
 * // 'Recording stream_test/1234567890 v1: 2m34s hls, 265.1 MiB,
 * //  2022-01-13 15:57:24 to 15:59:58 UTC, http://12345678.vod2.myqcloud.com/xxxx/yyyy/zzzz.m3u8'
 */
export function summariseRecording(detail: RecordingFileCreatedDetail): string {
  const what = [formatDuration(detail.duration), detail.file_format].filter(Boolean).join(' ');
  const when = formatSpan(detail.content_start_time, detail.end_time);
  return oneLine(
    `Recording ${detail.id} v${detail.version}: ${what}, ${formatBytes(detail.file_size)}, ${when}, ${detail.video_url}`,
  );
}

/** `2022-01-13 15:57:24 to 15:59:58 UTC`; both dates in full when the span crosses midnight. */
function formatSpan(startSeconds: number, endSeconds: number): string {
  const start = utc(startSeconds);
  const end = utc(endSeconds);
  if (start === undefined || end === undefined) return 'time unknown';
  const endText = start.date === end.date ? end.time : `${end.date} ${end.time}`;
  return `${start.date} ${start.time} to ${endText} UTC`;
}

/**
 * `<what> <stream_id> v<version>: <part>, <part>, ...`, the missing parts left out; a truncated
 * event says so, since what it lacks (push exceptions' `abnormal_event`) is in the table only.
 */
function line(
  what: string,
  detail: { stream_id?: unknown; version?: unknown; truncated?: unknown },
  parts: readonly (string | false | undefined)[],
): string {
  const present = parts.filter((part): part is string => typeof part === 'string' && part !== '');
  if (detail.truncated === true) present.push('truncated (the table has the whole record)');
  return oneLine(
    `${what} ${String(detail.stream_id)} v${String(detail.version)}: ${present.join(', ')}`,
  );
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** `errcode 1 (The pusher stopped)`, or `errcode 1` when there is no message. */
function withNote(text: string, note: unknown): string {
  return isText(note) ? `${text} (${note})` : text;
}

/** `1280x720`; nothing when the size is unknown (a push start before the video header). */
function resolution(width: unknown, height: unknown): string | undefined {
  return isNumber(width) && isNumber(height) && width > 0 && height > 0
    ? `${width}x${height}`
    : undefined;
}

/** `Block Porn/PornHigh (score 99)`: the verdict, the label and its sub-label, the score. */
function verdict(
  suggestion: unknown,
  label: unknown,
  subLabel: unknown,
  score: number | undefined,
): string {
  const labels = [label, subLabel].filter(isText).join('/');
  const text = [isText(suggestion) ? suggestion : 'no verdict', labels].filter(isText).join(' ');
  return score === undefined ? text : `${text} (score ${score})`;
}

/** The highest of Tencent's scores: a number, or the array of the label's categories' scores. */
function highest(score: unknown): number | undefined {
  const scores = (Array.isArray(score) ? score : [score]).filter(isNumber);
  return scores.length === 0 ? undefined : Math.max(...scores);
}

/** `data.asr_tmp_full_results[0].create_time`: when the flagged speech was recognised. */
function firstResultTime(data: unknown): unknown {
  const results = (data as { asr_tmp_full_results?: unknown } | null | undefined)
    ?.asr_tmp_full_results;
  return Array.isArray(results)
    ? (results[0] as { create_time?: unknown } | undefined)?.create_time
    : undefined;
}

/** Shown of a push exception's `abnormal_event`; the rest is counted. */
const MAX_ABNORMAL_EVENTS = 3;

/** `video frame arrive interval bigger than 1000(ms) (2 times); ...`. */
function abnormalEvents(events: unknown): string {
  if (!Array.isArray(events) || events.length === 0) return 'no abnormal event listed';
  const described = events.slice(0, MAX_ABNORMAL_EVENTS).map((event: unknown) => {
    const { type, count, type_desc_en: description } = (event ?? {}) as Record<string, unknown>;
    const what = isText(description) ? description : `type ${String(type)}`;
    return isNumber(count) ? `${what} (${times(count)})` : what;
  });
  const more = events.length - described.length;
  return described.join('; ') + (more > 0 ? `; ${more} more` : '');
}

/** Recording status' `record_detail.file_format`, as Tencent numbers the formats. */
const RECORD_FORMATS: Readonly<Record<number, string>> = {
  1: 'flv',
  2: 'hls',
  3: 'mp4',
  4: 'aac',
  5: 'mp3',
};

function recordFormat(recordDetail: unknown): string | undefined {
  const format = (recordDetail as { file_format?: unknown } | null | undefined)?.file_format;
  return isNumber(format) ? RECORD_FORMATS[format] : undefined;
}

/** `info -201 video ts deviation: 100.000000 (4 times)`. */
function recordingException(
  level: unknown,
  exception: { type?: unknown; occurs?: unknown; desc?: unknown } | undefined,
): string {
  const parts = [
    isText(level) ? level : 'exception',
    isNumber(exception?.type) ? String(exception.type) : undefined,
    isText(exception?.desc) ? exception.desc : undefined,
  ].filter(isText);
  const occurs = exception?.occurs;
  return parts.join(' ') + (isNumber(occurs) ? ` (${times(occurs)})` : '');
}

/** `1 time`, `4 times`. */
function times(count: number): string {
  return count === 1 ? '1 time' : `${count} times`;
}
