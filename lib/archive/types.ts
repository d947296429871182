import type { ItemKey } from '../record/record';

/** A recording as the archive needs it: read from its item, never from the event alone. */
export interface RecordingToArchive {
  key: ItemKey;
  /** `<stream_id>/<file_id>`: with `version`, what consumers deduplicate on. */
  id: string;
  version: number;
  streamId: string;
  fileId: string;
  /** As Tencent sent it; signed only on the way out when a hotlink key is configured. */
  videoUrl: string;
  /** Lower-cased `file_format` (`mp4`, `flv`, `aac`, `hls`), when Tencent sent one. */
  fileFormat?: string;
  /** Tencent's `file_size`, when it is a positive number: what a single file must measure. */
  fileSize?: number;
}

/** Where a recording goes in the bucket: one object, or an HLS playlist with its files. */
export type ArchivePlan = SingleFilePlan | HlsPlan;

export interface SingleFilePlan {
  layout: 'file';
  /** `<stream_id>/<file_id>.<ext>`. */
  key: string;
  contentType: string;
  metadata: Record<string, string>;
  /** The bytes the copy must measure (`file_size`), when known. */
  expectedBytes?: number;
}

export interface HlsPlan {
  layout: 'hls';
  /** `<stream_id>/<file_id>/`: the playlist and every file it names, under their own names. */
  prefix: string;
  /** `<prefix>index.m3u8`. */
  playlistKey: string;
  metadata: Record<string, string>;
}

/** A part of a multipart upload that S3 has, as CompleteMultipartUpload needs it back. */
export interface CompletedPart {
  number: number;
  etag: string;
  size: number;
  /** The part's checksum (base64 CRC32) when S3 returned one: Complete must repeat it. */
  checksum?: string;
}

/**
 * What an attempt leaves on the recording's item (`archive_progress`) while the recording is
 * being archived: who holds the copy and until when, and how far it got, so that the next
 * attempt resumes instead of starting over. Gone once the archive is done and announced.
 */
export interface ArchiveProgress {
  /** A random id per attempt: only the holder writes progress. */
  holder: string;
  /** The holder's lease: renewed with each save; another attempt takes over once it has passed. */
  leaseUntil: string;
  /** Attempts so far, this one included. */
  attempts: number;
  startedAt: string;
  /** Bytes copied so far, in order from the start (what a resumed copy skips). */
  bytes: number;
  /** Single file: the multipart upload under way, and the part size it was begun with. */
  uploadId?: string;
  partSize?: number;
  /** Single file: the parts S3 has, numbered from 1 without a gap. */
  parts?: CompletedPart[];
  /** HLS: how many of the playlist's files are copied, in the playlist's order. */
  files?: number;
  /** HLS: a fingerprint of the playlist the files were read from. */
  playlist?: string;
}

/** What the recording's item holds once it is archived (`archive`). */
export interface ArchiveRecord {
  /** `s3://<bucket>/<key>`: the file, or an HLS recording's playlist. */
  uri: string;
  /** Bytes copied: the file, or an HLS recording's playlist and files together. */
  bytes: number;
  /** S3's checksum of the object (`crc32:<base64>`), when S3 returned one. */
  checksum?: string;
  archivedAt: string;
}

/** A recording's item as the archive reads it. */
export interface ArchiveState {
  recording: RecordingToArchive;
  archive?: ArchiveRecord;
  progress?: ArchiveProgress;
}
