import { PublishError } from '../errors';
import {
  RECORDING_ARCHIVED_DETAIL_TYPE,
  type RecordingFileArchivedDetail,
} from '../events/kinds/recording-archived';
import { stringifyJson } from '../json/json';
import { eventOf } from '../outbox/event';
import type { EventPublisher } from '../outbox/event-publisher';
import type { ArchiveRecord, RecordingToArchive } from './types';

/**
 * The `detail` of `Recording File Archived` (declared with the other events in
 * `lib/events/kinds/recording-archived.ts`): the recording's `id` and `version`, as in its
 * `Recording File Created`, its key, and where its bytes now are.
 */
export function archivedEventDetail(
  recording: RecordingToArchive,
  archive: ArchiveRecord,
): RecordingFileArchivedDetail {
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
  announce(detail: RecordingFileArchivedDetail): Promise<void>;
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
