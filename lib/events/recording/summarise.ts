import type { RecordingFileCreatedDetail } from './event';

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

/** `42s`, `2m34s`, `1h02m05s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?s';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${pad(m)}m${pad(s)}s`;
  if (m > 0) return `${m}m${pad(s)}s`;
  return `${s}s`;
}

/** `512 B`, `1.5 KiB`, `265.1 MiB`, `1.0 GiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '? B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `2022-01-13 15:57:24 to 15:59:58 UTC`; both dates in full when the span crosses midnight. */
function formatSpan(startSeconds: number, endSeconds: number): string {
  const start = utc(startSeconds);
  const end = utc(endSeconds);
  if (start === undefined || end === undefined) return 'time unknown';
  const endText = start.date === end.date ? end.time : `${end.date} ${end.time}`;
  return `${start.date} ${start.time} to ${endText} UTC`;
}

function utc(seconds: number): { date: string; time: string } | undefined {
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(seconds) || Number.isNaN(date.getTime())) return undefined;
  const iso = date.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

// Ids and URLs come from the sender: a control character or line separator in one of them must
// not break the line (or forge a second one in a log).
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, '?');
}
