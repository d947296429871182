import type { EventBridgeEvent } from 'aws-lambda';
import type {
  RECORDING_EVENT_DETAIL_TYPE,
  RecordingFileCreatedDetail,
} from '../lib/events/recording/event';
import { summariseRecording } from '../lib/events/recording/summarise';

export type RecordingFileCreatedEvent = EventBridgeEvent<
  typeof RECORDING_EVENT_DETAIL_TYPE,
  RecordingFileCreatedDetail
>;

/**
 * An example subscriber: prints one line per new recording. Copy this file and its entry in
 * serverless.yml (`functions.exampleSubscriber`) to subscribe your own function to the bus.
 *
 * The same file can be announced more than once (a redelivery whose content changed, a retried
 * publish): deduplicate on `detail.id` + `detail.version` before doing anything that must happen once.
 */
export const handler = async (event: RecordingFileCreatedEvent): Promise<void> => {
  console.log(summariseRecording(event.detail));
};
