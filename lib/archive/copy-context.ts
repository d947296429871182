import type { Log } from '../log';
import type { CopyLease } from './copy-lease';
import type { ArchiveObjectStore } from './object-store';
import type { CopySettings } from './settings';
import type { RecordingSource } from './source';

/** What a copy runs with: the bucket, the source, the lease it saves through, and its clock. */
export interface CopyContext {
  objects: ArchiveObjectStore;
  source: RecordingSource;
  lease: CopyLease;
  log: Log;
  settings: CopySettings;
  /** Milliseconds the invocation has left (Lambda's `getRemainingTimeInMillis`). */
  timeLeftMs: () => number;
}

/** What a finished copy measured. */
export interface CopyResult {
  /** The object the archive names: the file, or the HLS playlist. */
  key: string;
  bytes: number;
  checksum?: string;
}

/** Time to stop starting new work, and save. */
export function timeToStop(context: CopyContext): boolean {
  return context.timeLeftMs() < context.settings.stopBeforeEndMs;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * An abort signal that fires when the invocation is about to end, so transfers still running
 * are cut in time for the progress to be saved; `done` clears its timer.
 */
export function deadlineSignal(context: CopyContext): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const ms = Math.max(0, context.timeLeftMs() - context.settings.abortBeforeEndMs);
  // No deadline (a command a person runs): no timer. A longer one than a timer takes (24.8 days)
  // would fire at once.
  if (ms > MAX_TIMER_MS) return { signal: controller.signal, done: () => undefined };
  const timer = setTimeout(() => controller.abort(), ms);
  timer.unref();
  return { signal: controller.signal, done: () => clearTimeout(timer) };
}
