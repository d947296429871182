import type { ArchiveRecords } from '../../lib/archive/archive-records';
import { UploadGoneError } from '../../lib/archive/errors';
import type { ArchiveObjectStore, ObjectHeaders } from '../../lib/archive/object-store';
import type { RecordingSource, SourceRequest, SourceResponse } from '../../lib/archive/source';
import type {
  ArchiveProgress,
  ArchiveRecord,
  ArchiveState,
  CompletedPart,
  RecordingToArchive,
} from '../../lib/archive/types';
import type { ItemKey } from '../../lib/record/record';

const keyOf = (key: ItemKey) => `${key.stream_id}/${key.file_id}`;

/**
 * The recordings table as the archive sees it, in a Map, with the DynamoDB adapter's conditions:
 * only the copy's holder writes, taking needs the progress found to be still there, and a new
 * version (`replace`) drops both attributes, as a PutItem does.
 */
export class InMemoryArchiveRecords implements ArchiveRecords {
  readonly items = new Map<string, ArchiveState>();
  /** Every progress saved, in order. */
  readonly saves: ArchiveProgress[] = [];

  add(recording: RecordingToArchive): void {
    this.items.set(keyOf(recording.key), { recording });
  }

  /** A new version written over the item (a reconcile or a changed redelivery). */
  replace(key: ItemKey): void {
    const state = this.items.get(keyOf(key));
    if (state === undefined) return;
    const { recording } = state;
    this.items.set(keyOf(key), { recording: { ...recording, version: recording.version + 1 } });
  }

  state(key: ItemKey): ArchiveState | undefined {
    return structuredClone(this.items.get(keyOf(key)));
  }

  async read(key: ItemKey): Promise<ArchiveState | undefined> {
    return this.state(key);
  }

  async take(
    key: ItemKey,
    version: number,
    progress: ArchiveProgress,
    found: ArchiveProgress | undefined,
  ): Promise<boolean> {
    const state = this.items.get(keyOf(key));
    if (state?.recording.version !== version) return false;
    const ok =
      found === undefined
        ? state.progress === undefined && state.archive === undefined
        : state.progress?.holder === found.holder && state.progress.leaseUntil === found.leaseUntil;
    if (ok) state.progress = structuredClone(progress);
    return ok;
  }

  async save(key: ItemKey, progress: ArchiveProgress): Promise<boolean> {
    const state = this.held(key, progress.holder);
    if (state === undefined) return false;
    state.progress = structuredClone(progress);
    this.saves.push(structuredClone(progress));
    return true;
  }

  async release(key: ItemKey, progress: ArchiveProgress, now: string): Promise<boolean> {
    return this.save(key, { ...progress, leaseUntil: now });
  }

  async discard(key: ItemKey, holder: string): Promise<boolean> {
    const state = this.held(key, holder);
    if (state !== undefined) delete state.progress;
    return state !== undefined;
  }

  async markArchived(key: ItemKey, holder: string, archive: ArchiveRecord): Promise<boolean> {
    const state = this.held(key, holder);
    if (state === undefined) return false;
    state.archive = structuredClone(archive);
    delete state.progress?.parts;
    return true;
  }

  async finish(key: ItemKey, holder: string): Promise<boolean> {
    return this.discard(key, holder);
  }

  private held(key: ItemKey, holder: string): ArchiveState | undefined {
    const state = this.items.get(keyOf(key));
    return state?.progress?.holder === holder ? state : undefined;
  }
}

/** A bucket in memory: uploads part by part, and whole objects. */
export class InMemoryObjects implements ArchiveObjectStore {
  readonly objects = new Map<string, { body: Buffer; headers: ObjectHeaders }>();
  readonly uploads = new Map<
    string,
    { key: string; headers: ObjectHeaders; parts: Map<number, Buffer> }
  >();
  readonly aborted: string[] = [];
  /** Completes refused as S3 refuses an upload it no longer has, before they succeed. */
  refuseCompletes = 0;
  /** Parts uploaded, over every upload. */
  partsUploaded = 0;
  private counter = 0;

  uriOf(key: string): string {
    return `s3://memory/${key}`;
  }

  async createUpload(key: string, headers: ObjectHeaders): Promise<string> {
    const id = `upload-${++this.counter}`;
    this.uploads.set(id, { key, headers, parts: new Map() });
    return id;
  }

  async uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Uint8Array,
  ): Promise<CompletedPart> {
    const upload = this.uploads.get(uploadId);
    if (upload === undefined) throw new UploadGoneError(key);
    upload.parts.set(partNumber, Buffer.from(body));
    this.partsUploaded++;
    return { number: partNumber, etag: `"etag-${partNumber}"`, size: body.length };
  }

  async completeUpload(
    key: string,
    uploadId: string,
    parts: readonly CompletedPart[],
  ): Promise<{ checksum?: string }> {
    const upload = this.uploads.get(uploadId);
    if (this.refuseCompletes > 0 || upload === undefined) {
      this.refuseCompletes--;
      throw new UploadGoneError(key);
    }
    const body = Buffer.concat(
      parts.map((part) => upload.parts.get(part.number) ?? Buffer.alloc(0)),
    );
    this.objects.set(key, { body, headers: upload.headers });
    this.uploads.delete(uploadId);
    return { checksum: 'crc32:AAAAAA==' };
  }

  async abortUpload(_key: string, uploadId: string): Promise<void> {
    this.aborted.push(uploadId);
    this.uploads.delete(uploadId);
  }

  async putObject(
    key: string,
    body: AsyncIterable<Uint8Array> | Uint8Array,
    headers: ObjectHeaders,
  ): Promise<{ bytes: number }> {
    const chunks: Buffer[] = [];
    if (body instanceof Uint8Array) chunks.push(Buffer.from(body));
    else for await (const chunk of body) chunks.push(Buffer.from(chunk));
    const all = Buffer.concat(chunks);
    this.objects.set(key, { body: all, headers });
    return { bytes: all.length };
  }
}

/** A source serving Buffers by URL, in 64 KiB chunks, honouring ranges unless told not to. */
export class MemorySource implements RecordingSource {
  readonly files = new Map<string, Buffer>();
  readonly requests: { url: string; start?: number }[] = [];
  /** Answer every request with the whole file, as a server that ignores `Range`. */
  ignoreRanges = false;
  /** Leave out the file's length. */
  unannounced = false;
  /** Requests of these URLs fail with the error given. */
  readonly failing = new Map<string, Error>();
  /** End every body after this many bytes (its length still announced): a cut connection. */
  cutAfter: number | undefined;
  /** Throw this from every body after its first chunk. */
  bodyError: Error | undefined;

  async get(url: string, request: SourceRequest = {}): Promise<SourceResponse> {
    this.requests.push({ url, ...(request.start !== undefined && { start: request.start }) });
    const failure = this.failing.get(url);
    if (failure !== undefined) throw failure;
    const file = this.files.get(url);
    if (file === undefined) throw new Error(`no file at ${url}`);
    const start = this.ignoreRanges ? 0 : (request.start ?? 0);
    const end = Math.min(file.length, this.cutAfter ?? file.length);
    const { bodyError } = this;
    let cancelled = false;
    return {
      start,
      ...(!this.unannounced && { totalBytes: file.length }),
      cancel: () => {
        cancelled = true;
      },
      body: (async function* () {
        for (let at = start; at < end && !cancelled; at += 65_536) {
          yield file.subarray(at, Math.min(at + 65_536, end));
          if (bodyError !== undefined) throw bodyError;
        }
      })(),
    };
  }
}

/** Deterministic bytes: each byte its offset, modulo a prime, so misplaced parts show. */
export function bytesOfSize(size: number): Buffer {
  const buffer = Buffer.alloc(size);
  for (let index = 0; index < size; index++) buffer[index] = (index * 7 + (index >> 16)) % 251;
  return buffer;
}

export function aRecordingToArchive(
  overrides: Partial<RecordingToArchive> = {},
): RecordingToArchive {
  return {
    key: { stream_id: 'stream_test', file_id: '1234567890' },
    id: 'stream_test/1234567890',
    version: 1,
    streamId: 'stream_test',
    fileId: '1234567890',
    videoUrl: 'http://vod.example.com/dir/file.mp4',
    fileFormat: 'mp4',
    ...overrides,
  };
}
