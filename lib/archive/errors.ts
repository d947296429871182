/**
 * Every error the archive raises. Messages are read by a person (a log line, the dead-letter
 * queue, `npm run archive`): they say what is wrong and what to do, and never carry a hotlink key
 * or a signed URL (a URL in a message is the recording's `video_url` without its query).
 */
export class ArchiveError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchiveError';
  }
}

/**
 * The source answered 403. Tencent's CDN answers so when the VOD domain has Key Hotlink Protection
 * on and the URL is not signed, or signed with another key, or expired.
 */
export class SourceRefusedError extends ArchiveError {
  constructor(url: string, signed: boolean) {
    super(
      signed
        ? `the source refused the signed URL (403) for ${url}: check that the VOD hotlink key ` +
            "in the SSM parameter is the domain's current key (VOD console, Key Hotlink Protection)"
        : `the source refused ${url} (403): its VOD domain may have Key Hotlink Protection on; ` +
            'store its key in the SSM parameter named by VOD_HOTLINK_KEY_PARAMETER (docs/archive.md)',
    );
    this.name = 'SourceRefusedError';
  }
}

/** The source has no such file (404, 410): Tencent deleted it, or the URL is wrong. */
export class SourceNotFoundError extends ArchiveError {
  constructor(url: string, status: number) {
    super(`the source has no file at ${url} (${status}): it may have been deleted from VOD`);
    this.name = 'SourceNotFoundError';
  }
}

/** No answer, a timeout, a 5xx, a connection cut: a passing failure, retried. */
export class SourceUnavailableError extends ArchiveError {
  constructor(url: string, reason: string, options?: { cause?: unknown }) {
    super(`the source ${url} is unavailable (${reason}); the copy is retried`, options);
    this.name = 'SourceUnavailableError';
  }
}

/**
 * The bytes copied are not the file's size as Tencent reported it (`file_size`): the source
 * served another file, or fewer bytes. The upload is abandoned; nothing is kept.
 */
export class SizeMismatchError extends ArchiveError {
  constructor(url: string, expected: number, actual: number, what = 'copied') {
    super(
      `${actual} bytes ${what} from ${url}, but the recording's file_size is ${expected}: ` +
        'the copy is abandoned (no object is written)',
    );
    this.name = 'SizeMismatchError';
  }
}

/** What the source served cannot be archived as it is (a master playlist, a key file, ...). */
export class UnsupportedSourceError extends ArchiveError {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedSourceError';
  }
}

/** The attempt's time ran out: what it copied is saved on the item and the next attempt resumes. */
export class OutOfTimeError extends ArchiveError {
  constructor(copiedBytes: number, totalBytes: number | undefined) {
    super(
      `out of time after ${copiedBytes} of ${totalBytes ?? 'an unknown number of'} bytes; ` +
        'the progress is saved and the next attempt resumes from there',
    );
    this.name = 'OutOfTimeError';
  }
}

/** Another attempt holds the copy (its lease is live) for longer than this attempt can wait. */
export class CopyBusyError extends ArchiveError {
  constructor(id: string, leaseUntil: string) {
    super(
      `another attempt is copying ${id} (its lease runs until ${leaseUntil}); this one is retried`,
    );
    this.name = 'CopyBusyError';
  }
}

/**
 * The bucket no longer has the multipart upload the item names, or refuses its parts (the
 * lifecycle rule aborted it, or a part was replaced): the copy starts over.
 */
export class UploadGoneError extends ArchiveError {
  constructor(key: string, options?: { cause?: unknown }) {
    super(`the bucket refused to complete the upload of ${key}`, options);
    this.name = 'UploadGoneError';
  }
}

/** S3 (or the item's table) could not be reached or refused the request; retried. */
export class ArchiveStorageError extends ArchiveError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchiveStorageError';
  }
}

/** An abort of the attempt asked by the caller (its time is up): not a failure of the source. */
export class CopyStoppedError extends ArchiveError {
  constructor() {
    super('the copy was stopped');
    this.name = 'CopyStoppedError';
  }
}

/**
 * This attempt no longer holds the copy: the recording was replaced by a new version (whose own
 * event archives it), or the lease passed and another attempt took over. It stops quietly.
 */
export class LeaseLostError extends ArchiveError {
  constructor(id: string) {
    super(`${id} changed, or another attempt took over its copy; this attempt stops`);
    this.name = 'LeaseLostError';
  }
}
