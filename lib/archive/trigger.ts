import type { ItemKey } from '../record/record';
import { ArchiveError } from './errors';

/** The event that triggers an archive: `Recording File Created`, whose detail names the item. */
export const RECORDING_CREATED_DETAIL_TYPE = 'Recording File Created';

/**
 * The recording an event names: its `detail.stream_id` and `detail.file_id`. The event is taken
 * as a pointer only; what is archived is read from the item. Anything else is refused by name (it
 * then lands in the dead-letter queue, where a person sees it).
 */
export function recordingKeyOf(event: { 'detail-type'?: unknown; detail?: unknown }): ItemKey {
  const detail = event.detail as { stream_id?: unknown; file_id?: unknown } | undefined;
  const streamId = detail?.stream_id;
  const fileId = detail?.file_id;
  if (
    event['detail-type'] !== RECORDING_CREATED_DETAIL_TYPE ||
    typeof streamId !== 'string' ||
    typeof fileId !== 'string' ||
    streamId === '' ||
    fileId === ''
  ) {
    throw new ArchiveError(
      `not a ${RECORDING_CREATED_DETAIL_TYPE} event with a stream_id and a file_id: nothing to archive`,
    );
  }
  return { stream_id: streamId, file_id: fileId };
}
