import type { Recording } from './types';
import { recordingId } from './types';
import type { StoredRecording } from '../../outbox/record-store';

export const RECORDING_EVENT_SOURCE = 'tencentcloud.css';
export const RECORDING_EVENT_DETAIL_TYPE = 'Recording File Created';

/**
 * The `detail` of a `Recording File Created` event: the recording as stored, without the
 * service's bookkeeping, plus `id` and `version`. The same file may be announced more than once
 * (a changed redelivery bumps `version`; a crash between publishing and recording that it was
 * published repeats one): consumers deduplicate on `id` + `version`.
 *
 * @example
 * import type { EventBridgeEvent } from 'aws-lambda';
 * import type { RecordingFileCreatedDetail } from './event';
 * export const handler = async (event: EventBridgeEvent<'Recording File Created', RecordingFileCreatedDetail>) => {
 *   console.log(event.detail.id, event.detail.video_url);
 * };
 */
export type RecordingFileCreatedDetail = Recording & {
  /** `<stream_id>/<file_id>` */
  id: string;
  version: number;
};

export interface RecordingEvent {
  source: typeof RECORDING_EVENT_SOURCE;
  detailType: typeof RECORDING_EVENT_DETAIL_TYPE;
  detail: RecordingFileCreatedDetail;
}

export function toRecordingEvent(stored: StoredRecording): RecordingEvent {
  return {
    source: RECORDING_EVENT_SOURCE,
    detailType: RECORDING_EVENT_DETAIL_TYPE,
    detail: { ...stored.recording, id: recordingId(stored.recording), version: stored.version },
  };
}

/** Sends events to the service's bus. Throws a `PublishError` when the event is not accepted. */
export interface EventPublisher {
  publish(event: RecordingEvent): Promise<void>;
  /** Optional: start loading the client now, while other I/O is in flight. */
  prepare?(): void;
}
