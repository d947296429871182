import { formatBytes, formatDuration, oneLine, utc } from '../summary-format';
import type { RecordingFileCreatedDetail } from './event';

/** Moved to `../summary-format.ts`, which every summary shares; still exported here. */
export { formatBytes, formatDuration } from '../summary-format';

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
