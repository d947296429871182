import { ExactNumber } from '../json/exact-number';
import type { JsonMap, JsonValue } from '../json/json';
import { ArchiveError } from './errors';
import type { RecordingToArchive } from './types';

/**
 * The fields of a stored recording the archive reads. The item is the normaliser's output, so
 * `stream_id`, `file_id` and `video_url` are non-empty strings; anything else is refused by name,
 * in case an item was written by hand.
 */
export function recordingToArchive(fields: JsonMap, version: number): RecordingToArchive {
  const streamId = text(fields, 'stream_id');
  const fileId = text(fields, 'file_id');
  const videoUrl = text(fields, 'video_url');
  const format = fields.file_format;
  const size = positiveNumber(fields.file_size);
  return {
    key: { stream_id: streamId, file_id: fileId },
    id: `${streamId}/${fileId}`,
    version,
    streamId,
    fileId,
    videoUrl,
    ...(typeof format === 'string' && format !== '' && { fileFormat: format.toLowerCase() }),
    ...(size !== undefined && { fileSize: size }),
  };
}

function text(fields: JsonMap, name: string): string {
  const value = fields[name];
  if (typeof value !== 'string' || value === '') {
    throw new ArchiveError(`the recording has no ${name}: nothing to archive`);
  }
  return value;
}

/** A size as stored: a number, or an exact number (its text); only a positive whole one counts. */
function positiveNumber(value: JsonValue | undefined): number | undefined {
  const size =
    typeof value === 'number' ? value : value instanceof ExactNumber ? Number(value.text) : NaN;
  return Number.isSafeInteger(size) && size > 0 ? size : undefined;
}
