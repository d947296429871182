import { setTimeout as delay } from 'node:timers/promises';
import type { ServedRecording } from './recordings';

/** How long the simulator waits, after its last callback, for the archive's copies. */
export const ARCHIVE_WAIT_MS = 60_000;
const POLL_MS = 250;

export interface ArchiveWaitOptions {
  bucket: string;
  /** The object's size, or undefined while there is none (HeadObject on the local S3). */
  sizeOf: (key: string) => Promise<number | undefined>;
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
}

export interface ArchiveWaitResult {
  /** A line per recording: where its copy is, or that it is not there. */
  lines: string[];
  /** Every recording's copy is in the bucket, as many bytes as were served. */
  complete: boolean;
}

/**
 * Waits until each recording's object is in the bucket with all its bytes (an upload in progress
 * shows no object), or `timeoutMs` has passed; the lines say where each copy is.
 */
export async function waitForArchive(
  recordings: readonly ServedRecording[],
  {
    bucket,
    sizeOf,
    timeoutMs = ARCHIVE_WAIT_MS,
    now = Date.now,
    sleep = delay,
  }: ArchiveWaitOptions,
): Promise<ArchiveWaitResult> {
  const deadline = now() + timeoutMs;
  const sizes = new Map<string, number | undefined>();
  for (;;) {
    const waiting = recordings.filter(({ key, bytes }) => sizes.get(key) !== bytes);
    await Promise.all(waiting.map(async ({ key }) => sizes.set(key, await sizeOf(key))));
    const done = recordings.every(({ key, bytes }) => sizes.get(key) === bytes);
    if (done || now() >= deadline) {
      return {
        lines: recordings.map((recording) => lineOf(recording, bucket, sizes)),
        complete: done,
      };
    }
    await sleep(POLL_MS);
  }
}

function lineOf(
  { key, bytes }: ServedRecording,
  bucket: string,
  sizes: ReadonlyMap<string, number | undefined>,
): string {
  const uri = `s3://${bucket}/${key}`;
  const size = sizes.get(key);
  if (size === bytes) return `  ${uri}  ${bytes} bytes`;
  return size === undefined
    ? `  ${uri}  not there`
    : `  ${uri}  ${size} bytes, not the ${bytes} served`;
}
