import {
  ArchiveError,
  CopyStoppedError,
  OutOfTimeError,
  SizeMismatchError,
  SourceUnavailableError,
  UploadGoneError,
} from './errors';
import { withoutQuery } from './hotlink';
import { bytesOf, extendContiguous, partsOf } from './parts';
import { MAX_PARTS } from './settings';
import { TaskPool } from './task-pool';
import type { CompletedPart, SingleFilePlan } from './types';
import { deadlineSignal, timeToStop, type CopyContext, type CopyResult } from './copy-context';

/*
 * A single file is streamed from the source into an S3 multipart upload, part by part, a few parts
 * at a time, and each part S3 confirms is recorded on the item (upload id, part number, ETag, size,
 * checksum) as soon as every part before it is. An attempt that stops (out of time, killed, the
 * source cut off) leaves that record; the next one asks the source for the rest only (a ranged
 * GET from the end of the recorded parts) and uploads it into the same upload.
 *
 * Written here rather than with @aws-sdk/lib-storage's `Upload`, which streams a body into a
 * multipart upload of its own making: it cannot continue an upload another invocation began, and
 * does not report which parts S3 has (their ETags) while it runs, which is what resuming needs.
 */

export async function copyFile(
  context: CopyContext,
  plan: SingleFilePlan,
  url: string,
): Promise<CopyResult> {
  try {
    try {
      return await copyOnce(context, plan, url);
    } catch (error) {
      if (!(error instanceof UploadGoneError)) throw error;
      // The lifecycle rule aborted the upload, or S3 refuses its parts: once from the start.
      context.log.warn('the bucket refused the recorded upload; the copy starts over', {
        key: plan.key,
        error,
      });
      await context.lease.restart();
      return await copyOnce(context, plan, url);
    }
  } catch (error) {
    if (error instanceof SizeMismatchError) await giveUp(context, plan);
    throw error;
  }
}

async function copyOnce(
  context: CopyContext,
  plan: SingleFilePlan,
  url: string,
): Promise<CopyResult> {
  const { objects, lease, settings } = context;
  if (lease.progress.uploadId === undefined) {
    const partSize = partSizeFor(settings.partSize, plan.expectedBytes);
    const uploadId = await objects.createUpload(plan.key, headersOf(plan));
    await lease.save({ uploadId, partSize, parts: [], bytes: 0 });
  }
  const { uploadId, partSize = settings.partSize } = lease.progress;
  const parts = [...(lease.progress.parts ?? [])];
  if (uploadId === undefined) throw new ArchiveError('no upload to copy into');

  const copied = bytesOf(parts);
  const whole = plan.expectedBytes !== undefined && copied === plan.expectedBytes;
  if (!whole) await transfer(context, plan, url, { uploadId, partSize, parts });

  const bytes = bytesOf(parts);
  if (parts.length === 0) {
    // Nothing to upload (an empty file): S3 completes no upload without a part.
    await abortQuietly(context, plan.key, uploadId);
    const { checksum } = await objects.putObject(plan.key, new Uint8Array(0), headersOf(plan));
    return { key: plan.key, bytes: 0, ...(checksum !== undefined && { checksum }) };
  }
  const { checksum } = await objects.completeUpload(plan.key, uploadId, parts);
  return { key: plan.key, bytes, ...(checksum !== undefined && { checksum }) };
}

interface Upload {
  uploadId: string;
  partSize: number;
  /** The parts S3 has, from part 1 without a gap; grows as parts finish. */
  parts: CompletedPart[];
}

/** Reads the rest of the file from the source and uploads it, recording each part. */
async function transfer(
  context: CopyContext,
  plan: SingleFilePlan,
  url: string,
  { uploadId, partSize, parts }: Upload,
): Promise<void> {
  const { objects, source, lease, log, settings } = context;
  const shown = withoutQuery(url);
  const expected = plan.expectedBytes;
  const offset = bytesOf(parts);
  const deadline = deadlineSignal(context);
  try {
    const response = await source.get(url, {
      ...(offset > 0 && { start: offset }),
      signal: deadline.signal,
    });
    if (
      expected !== undefined &&
      response.totalBytes !== undefined &&
      response.totalBytes !== expected
    ) {
      response.cancel();
      throw new SizeMismatchError(shown, expected, response.totalBytes, 'announced by the source');
    }
    if (response.start > offset) {
      response.cancel();
      throw new SourceUnavailableError(
        shown,
        `it answered from byte ${response.start}, not ${offset}`,
      );
    }
    if (response.start < offset) {
      log.warn('the source ignored the range asked for: the copied part is downloaded again', {
        key: plan.key,
        offset,
      });
    }

    const pool = new TaskPool(settings.queueSize);
    const finished = new Map<number, CompletedPart>();
    let number = parts.length;
    let read = offset;
    let stopped = false;
    let readFailure: { error: unknown } | undefined;
    try {
      for await (const body of partsOf(response.body, partSize, offset - response.start)) {
        read += body.length;
        if (expected !== undefined && read > expected) {
          throw new SizeMismatchError(shown, expected, read, 'served, at least,');
        }
        // Only the file's last part may be short: a short part before the announced end is a
        // source that stopped (S3 would refuse it at completion); the next attempt reads it again.
        if (
          body.length < partSize &&
          response.totalBytes !== undefined &&
          read < response.totalBytes
        ) {
          break;
        }
        const partNumber = ++number;
        await pool.start(async () => {
          const part = await objects.uploadPart(
            plan.key,
            uploadId,
            partNumber,
            body,
            deadline.signal,
          );
          finished.set(partNumber, part);
          if (extendContiguous(parts, finished)) {
            await lease.save({ parts: [...parts], bytes: bytesOf(parts) });
          }
        });
        if (pool.failed) break;
        const allRead = response.totalBytes !== undefined && read >= response.totalBytes;
        if (!allRead && timeToStop(context)) {
          stopped = true;
          break;
        }
      }
    } catch (error) {
      readFailure = { error };
    } finally {
      if (stopped || pool.failed || readFailure !== undefined) response.cancel();
    }
    // Parts under way are good ones: let them finish, so the next attempt has less to do.
    await pool.drain().catch((error: unknown) => {
      if (deadline.signal.aborted) throw new OutOfTimeError(bytesOf(parts), expected);
      throw error;
    });
    if (readFailure !== undefined) {
      if (deadline.signal.aborted || readFailure.error instanceof CopyStoppedError) {
        throw new OutOfTimeError(bytesOf(parts), expected);
      }
      throw readFailure.error;
    }
    if (stopped) throw new OutOfTimeError(bytesOf(parts), expected ?? response.totalBytes);
    if (response.totalBytes !== undefined && read < response.totalBytes) {
      throw new SourceUnavailableError(
        shown,
        `it ended after ${read} of ${response.totalBytes} bytes`,
      );
    }
    if (expected !== undefined && read !== expected) {
      throw new SizeMismatchError(shown, expected, read);
    }
  } finally {
    deadline.done();
  }
}

/** The part size, or more for a file that would otherwise need more than 10,000 parts. */
export function partSizeFor(partSize: number, expectedBytes: number | undefined): number {
  if (expectedBytes === undefined || expectedBytes <= partSize * MAX_PARTS) return partSize;
  const mib = 1024 * 1024;
  return Math.ceil(expectedBytes / MAX_PARTS / mib) * mib;
}

function headersOf(plan: SingleFilePlan) {
  return { contentType: plan.contentType, metadata: plan.metadata };
}

/** The file is not what Tencent said: abandon the upload, and the progress with it. */
async function giveUp(context: CopyContext, plan: SingleFilePlan): Promise<void> {
  const { uploadId } = context.lease.progress;
  if (uploadId !== undefined) await abortQuietly(context, plan.key, uploadId);
  await context.lease.abandon();
}

/**
 * Aborting is best effort: an upload left behind holds no object, and the bucket's lifecycle rule
 * deletes it after 7 days.
 */
export async function abortQuietly(
  context: CopyContext,
  key: string,
  uploadId: string,
): Promise<void> {
  await context.objects.abortUpload(key, uploadId).catch((error: unknown) => {
    context.log.warn('could not abort the upload; the lifecycle rule removes it', { key, error });
  });
}
