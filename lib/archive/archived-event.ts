import { PublishError } from '../errors';
import { stringifyJson } from '../json/json';
import { eventOf } from '../outbox/event';
import type { EventPublisher } from '../outbox/event-publisher';
import type { ArchiveRecord, RecordingToArchive } from './types';

/** The detail-type of the event that announces a recording copied into the bucket. */
export const RECORDING_ARCHIVED_DETAIL_TYPE = 'Recording File Archived';

/**
 * `detail` of `Recording File Archived` (source `tencentcloud.css`): the recording's `id` and
 * `version` (as in its `Recording File Created`, so a subscriber joins the two and deduplicates
 * on `id` + `version`), its key, and where its bytes now are.
 */
export interface RecordingArchivedDetail {
  /** `<stream_id>/<file_id>`. */
  id: string;
  /** The version of the recording that was copied. */
  version: number;
  stream_id: string;
  file_id: string;
  /** `s3://<bucket>/<key>`: the file, or an HLS recording's `index.m3u8`. */
  uri: string;
  /** Bytes copied (an HLS recording's playlist and files together). */
  bytes: number;
}

export function archivedEventDetail(
  recording: RecordingToArchive,
  archive: ArchiveRecord,
): RecordingArchivedDetail {
  return {
    id: recording.id,
    version: recording.version,
    stream_id: recording.streamId,
    file_id: recording.fileId,
    uri: archive.uri,
    bytes: archive.bytes,
  };
}

/**
 * Where the archive announces what it copied. Throws when the event is not on the bus: the
 * attempt then fails and is retried, and the retry announces it (see `archiveRecording`).
 */
export interface ArchivedEventSink {
  announce(detail: RecordingArchivedDetail): Promise<void>;
}

/** Announces on the service's bus through the outbox's publisher (PutEvents, entry checked). */
export function busEventSink(publisher: EventPublisher): ArchivedEventSink {
  return {
    announce: async (detail) => {
      const event = eventOf(RECORDING_ARCHIVED_DETAIL_TYPE, stringifyJson({ ...detail }));
      const [result] = await publisher.publish([event]);
      if (result?.ok !== true) {
        const reason = result?.ok === false ? result.error : 'no result';
        throw new PublishError(`the bus did not take ${RECORDING_ARCHIVED_DETAIL_TYPE}: ${reason}`);
      }
    },
  };
}
