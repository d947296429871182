import type { CompletedPart } from './types';

/** What every object of an archive carries beside its bytes. */
export interface ObjectHeaders {
  contentType: string;
  /** User metadata (`x-amz-meta-*`): `stream-id`, `file-id`. */
  metadata: Record<string, string>;
}

/**
 * The archive's bucket, reduced to what a resumable copy needs: a multipart upload driven part by
 * part (so that its parts can be recorded and the upload resumed by another invocation), and a
 * plain put of a whole, small object (an HLS file). Implementations throw `UploadGoneError` when
 * S3 no longer has the upload or refuses its parts, and `ArchiveStorageError` when it fails.
 */
export interface ArchiveObjectStore {
  /** `s3://<bucket>/<key>`. */
  uriOf(key: string): string;
  /** Begins a multipart upload; returns its id. */
  createUpload(key: string, headers: ObjectHeaders): Promise<string>;
  uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Uint8Array,
    signal?: AbortSignal,
  ): Promise<CompletedPart>;
  /** Completes the upload from its parts; returns S3's checksum of the object, if any. */
  completeUpload(
    key: string,
    uploadId: string,
    parts: readonly CompletedPart[],
  ): Promise<{ checksum?: string }>;
  /** Abandons an upload and its parts. */
  abortUpload(key: string, uploadId: string): Promise<void>;
  /** Writes a whole object from a stream of unknown length; returns the bytes written. */
  putObject(
    key: string,
    body: AsyncIterable<Uint8Array> | Uint8Array,
    headers: ObjectHeaders,
    signal?: AbortSignal,
  ): Promise<{ bytes: number; checksum?: string }>;
}
