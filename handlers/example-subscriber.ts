import type { EventBridgeEvent } from 'aws-lambda';
import type { DetailType, DetailsByType } from '../lib/events/detail-types';
import { summariseEvent } from '../lib/events/summarise';

/** An event of the service's bus: its `detail-type` says which detail it carries. */
export type TencentCssEvent = {
  [T in DetailType]: EventBridgeEvent<T, DetailsByType[T]>;
}[DetailType];

/**
 * An example subscriber: prints one line per event of every detail-type. Copy this file and its
 * entry in serverless.yml (`functions.exampleSubscriber`) to subscribe your own function to the
 * bus, and narrow its pattern to the detail-types you need (see docs/events.md).
 *
 * The same event can be announced more than once (a redelivery whose content changed, a retried
 * publish): deduplicate on `detail.id` + `detail.version` before doing anything that must happen once.
 */
export const handler = async (event: TencentCssEvent): Promise<void> => {
  console.log(summariseEvent(event['detail-type'], event.detail));
};
