import {
  pushContext,
  pushEndCallback,
  pushStartCallback,
  recordingCallback,
  screenshotCallback,
  type PushContext,
  type RecordingCallback,
  type SimulatedCallbackBody,
} from './payloads';
import { SeededRandom } from './random';
import type { SimulatedEventName } from './events';

/** Tencent cuts recordings into files of 30 minutes unless the template says otherwise. */
export const DEFAULT_FILE_SECONDS = 1800;

export interface SessionOptions {
  seed: number;
  domain: string;
  app: string;
  stream: string;
  /** Recording files, at least 1. */
  files: number;
  /** Unix seconds the push ended: the session is one that just happened. */
  endedAt: number;
  fileSeconds?: number;
  format?: RecordingCallback['file_format'];
}

/** One callback of the session, in the order Tencent sends them. */
export interface SimulatedCallback {
  event: SimulatedEventName;
  /** Unsigned: `sign` and `t` are added at each delivery. */
  body: SimulatedCallbackBody;
  /** For people: what it is (`file 5285890..., mp4 30m00s, 659.2 MiB`). Never a secret. */
  summary: string;
}

export interface PlannedSession {
  push: PushContext;
  /** Unix seconds. */
  start: number;
  end: number;
  callbacks: SimulatedCallback[];
}

/**
 * A push session as Tencent reports it: push start, then for each recording file a screenshot
 * (taken half-way through it) and the file, then push end. Deterministic for a seed and times:
 * the files are `fileSeconds` long but the last, which is shorter, and the session ends at
 * `endedAt`.
 */
export function planSession(options: SessionOptions): PlannedSession {
  const random = new SeededRandom(options.seed);
  const fileSeconds = options.fileSeconds ?? DEFAULT_FILE_SECONDS;
  const durations = Array.from({ length: options.files }, (_, index) =>
    index < options.files - 1 ? fileSeconds : random.int(Math.ceil(fileSeconds / 6), fileSeconds),
  );
  // Recording starts a moment after the push does; the push ends a moment after the last frame.
  const lead = 2;
  const tail = 1;
  const start =
    options.endedAt - lead - tail - durations.reduce((sum, seconds) => sum + seconds, 0);
  const push = pushContext(random, options, start + 86_400);

  const callbacks: SimulatedCallback[] = [
    {
      event: 'pushStart',
      body: pushStartCallback(push, { time: start }),
      summary: `${options.stream} on ${options.domain}/${options.app}, sequence ${push.sequence}`,
    },
  ];
  let fileStart = start + lead;
  for (const duration of durations) {
    const screenshot = screenshotCallback(push, random, {
      time: fileStart + Math.floor(duration / 2),
    });
    callbacks.push({
      event: 'screenshot',
      body: screenshot,
      summary: `${screenshot.pic_url.split('/').pop() ?? ''}, ${size(screenshot.file_size)}`,
    });
    const recording = recordingCallback(push, random, {
      start: fileStart,
      end: fileStart + duration,
      format: options.format ?? 'mp4',
    });
    callbacks.push({
      event: 'recording',
      body: recording,
      summary: `file ${recording.file_id}, ${recording.file_format} ${clock(duration)}, ${size(recording.file_size)}`,
    });
    fileStart += duration;
  }
  const end = fileStart + tail;
  callbacks.push({
    event: 'pushEnd',
    body: pushEndCallback(push, { start, end }),
    summary: `${options.stream}, sequence ${push.sequence}, pushed ${clock(end - start)}`,
  });
  return { push, start, end, callbacks };
}

/** `1h05m00s`, `30m00s`. */
export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}h${pad(m)}m${pad(s)}s` : `${m}m${pad(s)}s`;
}

function size(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
