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

/**
 * An abort signal that fires when the invocation is about to end, so transfers still running
 * are cut in time for the progress to be saved; `done` clears its timer.
 */
export function deadlineSignal(context: CopyContext): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const ms = Math.max(0, context.timeLeftMs() - context.settings.abortBeforeEndMs);
  const timer = setTimeout(() => controller.abort(), ms);
  timer.unref();
  return { signal: controller.signal, done: () => clearTimeout(timer) };
}
