import {
  audioModerationCallback,
  imageModerationCallback,
  pushContext,
  pushEndCallback,
  pushExceptionCallback,
  pushStartCallback,
  recordingCallback,
  recordingExceptionCallback,
  recordingSession,
  recordingStatusCallback,
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
  /** Each recording's `file_size` per second of it; default a video bitrate's (about 200 KB/s). */
  recordingBytesPerSecond?: number;
  /**
   * A push that goes wrong and is flagged, so that the session holds one callback of every kind:
   * a push exception and a recording exception in the first file, and after its screenshot an
   * image and an audio moderation result.
   */
  everyType?: boolean;
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
 * A push session as Tencent reports it, in the order its events happen:
 *
 * ```
 * push start ─ recording started ─┬─ file 1: screenshot, file ─ ... ─ file n: screenshot ─ recording ended, file n ─ push end
 *                                 └ --every-type, in file 1: push exception, recording exception,
 *                                   then after the screenshot its image moderation, and audio moderation
 * ```
 *
 * Recording status comes whenever the template has its URL (setup sets it); Tencent sends
 * moderation results only for suspicious pictures and speech, and exceptions only when something
 * goes wrong, so those come only with `everyType`. Deterministic for a seed and times: the files
 * are `fileSeconds` long but the last, which is shorter, and the session ends at `endedAt`.
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
  const recording = recordingSession(random, options.format ?? 'mp4');
  const session = `session ${recording.sessionId}, ${recording.format}`;

  const callbacks: SimulatedCallback[] = [
    {
      event: 'pushStart',
      body: pushStartCallback(push, { time: start }),
      summary: `${options.stream} on ${options.domain}/${options.app}, sequence ${push.sequence}`,
    },
    {
      event: 'recordingStatus',
      body: recordingStatusCallback(push, random, {
        time: start + lead,
        event: 'record_start_succeeded',
        session: recording,
      }),
      summary: `record_start_succeeded, ${session}`,
    },
  ];
  let fileStart = start + lead;
  for (const [index, duration] of durations.entries()) {
    const last = index === durations.length - 1;
    const errors = options.everyType === true && index === 0;
    if (errors) {
      // A quarter into the first file the network falters; the recorder reports what it saw
      // (Tencent merges repeats, so its report comes up to 2 minutes later).
      const faltered = fileStart + Math.floor(duration / 4);
      const pushException = pushExceptionCallback(push, random, { time: faltered });
      callbacks.push({
        event: 'pushException',
        body: pushException,
        summary: pushException.abnormal_event
          .map(({ type, count }) => `type ${type} (${times(count)})`)
          .join(', '),
      });
      const recordingException = recordingExceptionCallback(push, random, {
        time: faltered + Math.min(60, Math.floor(duration / 8)),
        session: recording,
      });
      const { exception } = recordingException;
      callbacks.push({
        event: 'recordingException',
        body: recordingException,
        summary: `${recordingException.exception_level} ${exception.type} ${exception.desc} (${times(exception.occurs)}), ${session}`,
      });
    }
    const screenshot = screenshotCallback(push, random, {
      time: fileStart + Math.floor(duration / 2),
    });
    callbacks.push({
      event: 'screenshot',
      body: screenshot,
      summary: `${screenshot.pic_url.split('/').pop() ?? ''}, ${size(screenshot.file_size)}`,
    });
    if (errors) {
      const image = imageModerationCallback(push, random, { screenshot });
      callbacks.push({
        event: 'imageModeration',
        body: image,
        summary: `${image.suggestion} ${image.label}/${image.subLabel} (score ${image.score.join('/')}), ${screenshot.pic_url.split('/').pop() ?? ''}`,
      });
      const audio = audioModerationCallback(push, random, {
        time: screenshot.create_time + random.int(3, 20),
      });
      callbacks.push({
        event: 'audioModeration',
        body: audio,
        summary: `${audio.suggestion} ${audio.label}/${audio.sub_label} (score ${audio.Score}), task ${audio.task_id} segment ${audio.seq}`,
      });
    }
    const file = recordingCallback(push, random, {
      start: fileStart,
      end: fileStart + duration,
      format: recording.format,
      ...(options.recordingBytesPerSecond !== undefined && {
        bytesPerSecond: options.recordingBytesPerSecond,
      }),
    });
    fileStart += duration;
    if (last) {
      // The recording stops with the stream; its last file is ready a moment later.
      callbacks.push({
        event: 'recordingStatus',
        body: recordingStatusCallback(push, random, {
          time: fileStart,
          event: 'record_ended',
          session: recording,
        }),
        summary: `record_ended, ${session}`,
      });
    }
    callbacks.push({
      event: 'recording',
      body: file,
      summary: `file ${file.file_id}, ${file.file_format} ${clock(duration)}, ${size(file.file_size)}`,
    });
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

function times(count: number): string {
  return count === 1 ? '1 time' : `${count} times`;
}

function size(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
