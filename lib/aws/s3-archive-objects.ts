import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  S3ServiceException,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import {
  ArchiveError,
  ArchiveStorageError,
  CopyStoppedError,
  UploadGoneError,
} from '../archive/errors';
import { s3Uri } from '../archive/key-plan';
import type { ArchiveObjectStore, ObjectHeaders } from '../archive/object-store';
import type { CompletedPart } from '../archive/types';
import { createS3Client } from './s3-client';

/** S3's answers that mean the upload, or a part of it, is not there any more. */
const GONE = new Set(['NoSuchUpload', 'InvalidPart', 'InvalidPartOrder', 'EntityTooSmall']);

/**
 * S3's integrity check: every part carries a CRC32 of its bytes, which S3 verifies, and the
 * object gets a full-object CRC32 (comparable with `crc32` of the downloaded file).
 */
const CHECKSUM = { ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' } as const;

/** Bytes a whole object (an HLS file) is buffered in before lib-storage switches to parts. */
const SMALL_OBJECT_PART_SIZE = 8 * 1024 * 1024;

/**
 * The archive's bucket over the SDK's S3 client: the multipart upload step by step (so that a
 * copy can be resumed by another invocation), and lib-storage's `Upload` for whole objects of
 * unknown length (an HLS file streamed as it arrives).
 */
export class S3ArchiveObjects implements ArchiveObjectStore {
  constructor(
    private readonly bucket: string,
    private readonly client: S3Client = createS3Client(),
  ) {}

  uriOf(key: string): string {
    return s3Uri(this.bucket, key);
  }

  async createUpload(key: string, headers: ObjectHeaders): Promise<string> {
    const { UploadId } = await this.send(key, () =>
      this.client.send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          ContentType: headers.contentType,
          Metadata: asciiMetadata(headers.metadata),
          ...CHECKSUM,
        }),
      ),
    );
    if (UploadId === undefined) throw new ArchiveStorageError(`S3 began no upload for ${key}`);
    return UploadId;
  }

  async uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Uint8Array,
    signal?: AbortSignal,
  ): Promise<CompletedPart> {
    const { ETag, ChecksumCRC32 } = await this.send(key, () =>
      this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: partNumber,
          Body: body,
          ContentLength: body.length,
          ChecksumAlgorithm: CHECKSUM.ChecksumAlgorithm,
        }),
        signal === undefined ? {} : { abortSignal: signal },
      ),
    );
    if (ETag === undefined)
      throw new ArchiveStorageError(`S3 returned no ETag for part ${partNumber} of ${key}`);
    return {
      number: partNumber,
      etag: ETag,
      size: body.length,
      ...(ChecksumCRC32 !== undefined && { checksum: ChecksumCRC32 }),
    };
  }

  async completeUpload(
    key: string,
    uploadId: string,
    parts: readonly CompletedPart[],
  ): Promise<{ checksum?: string }> {
    const { ChecksumCRC32 } = await this.send(key, () =>
      this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          ChecksumType: CHECKSUM.ChecksumType,
          MultipartUpload: {
            Parts: parts.map((part) => ({
              PartNumber: part.number,
              ETag: part.etag,
              ...(part.checksum !== undefined && { ChecksumCRC32: part.checksum }),
            })),
          },
        }),
      ),
    );
    return ChecksumCRC32 === undefined ? {} : { checksum: `crc32:${ChecksumCRC32}` };
  }

  async abortUpload(key: string, uploadId: string): Promise<void> {
    await this.send(key, () =>
      this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
      ),
    );
  }

  async putObject(
    key: string,
    body: AsyncIterable<Uint8Array> | Uint8Array,
    headers: ObjectHeaders,
    signal?: AbortSignal,
  ): Promise<{ bytes: number; checksum?: string }> {
    let bytes = 0;
    const counted =
      body instanceof Uint8Array
        ? body
        : Readable.from(
            (async function* () {
              for await (const chunk of body) {
                bytes += chunk.length;
                yield chunk;
              }
            })(),
          );
    if (body instanceof Uint8Array) bytes = body.length;
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const result = await this.send(key, () =>
        new Upload({
          client: this.client,
          params: {
            Bucket: this.bucket,
            Key: key,
            Body: counted,
            ContentType: headers.contentType,
            Metadata: asciiMetadata(headers.metadata),
            ChecksumAlgorithm: CHECKSUM.ChecksumAlgorithm,
          },
          queueSize: 1,
          partSize: SMALL_OBJECT_PART_SIZE,
          abortController: controller,
        }).done(),
      );
      const checksum = 'ChecksumCRC32' in result ? result.ChecksumCRC32 : undefined;
      return { bytes, ...(checksum !== undefined && { checksum: `crc32:${checksum}` }) };
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  /** The one place S3's failures become the archive's. */
  private async send<Output>(key: string, request: () => Promise<Output>): Promise<Output> {
    try {
      return await request();
    } catch (error) {
      // The source's failures (a body streamed into an upload) pass through as they are.
      if (error instanceof ArchiveError) throw error;
      if (error instanceof S3ServiceException && GONE.has(error.name)) {
        throw new UploadGoneError(key, { cause: error });
      }
      if (error instanceof Error && error.name === 'AbortError') throw new CopyStoppedError();
      throw new ArchiveStorageError(`S3 failed for ${this.uriOf(key)}; the copy is retried`, {
        cause: error,
      });
    }
  }
}

/** S3 metadata travels as HTTP headers: a value outside printable ASCII is percent-encoded. */
function asciiMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata).map(([name, value]) => [
      name,
      /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value),
    ]),
  );
}
