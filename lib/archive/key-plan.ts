import { ArchiveError } from './errors';
import type { ArchivePlan, RecordingToArchive } from './types';

/** What S3 serves each kind of file as; anything else is served as bytes. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  flv: 'video/x-flv',
  aac: 'audio/aac',
  mp3: 'audio/mpeg',
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  m4s: 'video/iso.segment',
  m4a: 'audio/mp4',
};
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** The playlist's name under an HLS recording's prefix. */
export const PLAYLIST_NAME = 'index.m3u8';

const EXTENSION = /^[a-z0-9]{1,8}$/;

/**
 * Where a recording goes in the bucket (DESIGN.md, "Recordings into S3"):
 *
 *   single file  <stream_id>/<file_id>.<ext>       ext from file_format (mp4, flv, aac), lower case
 *   HLS          <stream_id>/<file_id>/index.m3u8  and every file the playlist names, by its name
 *
 * A recording is HLS when its `file_format` says so or its `video_url` is a `.m3u8`. Without a
 * `file_format`, the URL's extension names the file; with neither, the recording is refused.
 */
export function planArchive(recording: RecordingToArchive): ArchivePlan {
  const metadata = { 'stream-id': recording.streamId, 'file-id': recording.fileId };
  const base = `${recording.streamId}/${recording.fileId}`;
  const urlExtension = extensionOf(recording.videoUrl);
  if (recording.fileFormat === 'hls' || urlExtension === 'm3u8') {
    const prefix = `${base}/`;
    return { layout: 'hls', prefix, playlistKey: `${prefix}${PLAYLIST_NAME}`, metadata };
  }
  const extension = [recording.fileFormat, urlExtension].find(
    (candidate) => candidate !== undefined && EXTENSION.test(candidate),
  );
  if (extension === undefined) {
    throw new ArchiveError(
      `recording ${recording.id} has no file_format and its video_url names no file type: ` +
        'cannot name its object',
    );
  }
  return {
    layout: 'file',
    key: `${base}.${extension}`,
    contentType: contentTypeOf(extension),
    metadata,
    ...(recording.fileSize !== undefined && { expectedBytes: recording.fileSize }),
  };
}

export function contentTypeOf(nameOrExtension: string): string {
  const extension = nameOrExtension.includes('.')
    ? nameOrExtension.slice(nameOrExtension.lastIndexOf('.') + 1)
    : nameOrExtension;
  return CONTENT_TYPES[extension.toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}

/** The lower-cased extension of a URL's last path segment, if it has one. */
function extensionOf(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : undefined;
}

/** `s3://bucket/key`, as the item and the event name an object. */
export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
