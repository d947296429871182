import { defineServiceEvent } from '../define-service-event';
import type { DetailOf } from '../detail';
import { identifier, keyText, nonEmptyText } from '../fields';
import { byteCount, eventVersion } from '../service-fields';

export const RECORDING_ARCHIVED_DETAIL_TYPE = 'Recording File Archived';

/**
 * A recording was copied into the stack's archive bucket, and its item records where: once per
 * version of a recording, in a stack with the archive on (docs/archive.md).
 *
 * No callback: the archive (`lib/archive/`) publishes it once it has updated the recording's item,
 * in a stack deployed with `archiveRecordings: 'true'`. Its schema is deployed in every stack, so
 * that a subscriber can generate its code bindings before the archive is turned on.
 */
export const recordingArchivedEvent = defineServiceEvent({
  name: 'recording-archived',
  detailType: RECORDING_ARCHIVED_DETAIL_TYPE,
  fields: () => ({
    /** `<stream_id>/<file_id>`: the recording's id, as in its `Recording File Created`. */
    id: nonEmptyText,
    /** The version of the recording that was copied, as in its `Recording File Created`. */
    version: eventVersion,
    /** The recording's stream. */
    stream_id: keyText,
    /** The recording's file id in VOD. */
    file_id: identifier,
    /**
     * `s3://<bucket>/<key>`: the file (`<stream_id>/<file_id>.<ext>`), or an HLS recording's
     * playlist (`<stream_id>/<file_id>/index.m3u8`, its files beside it).
     */
    uri: nonEmptyText,
    /** Bytes copied: the file's, or an HLS recording's playlist and files together. */
    bytes: byteCount,
  }),
});

/**
 * The `detail` of a `Recording File Archived` event. Its `id` and `version` are those of the
 * recording's `Recording File Created`: join the two on them, and deduplicate on them.
 *
 * @example
 * import type { EventBridgeEvent } from 'aws-lambda';
 * import type { RecordingFileArchivedDetail } from '../lib/events';
 * export const handler = async (event: EventBridgeEvent<'Recording File Archived', RecordingFileArchivedDetail>) => {
 *   console.log(`${event.detail.id} v${event.detail.version} is at ${event.detail.uri}`);
 * };
 */
export type RecordingFileArchivedDetail = DetailOf<typeof recordingArchivedEvent>;
