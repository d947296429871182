import type { DetailOf } from './detail';
import type { PUBLISHED_EVENTS } from './published-events';

type Published = (typeof PUBLISHED_EVENTS)[number];

/**
 * Every detail-type the service publishes, and the type of its `detail`, read from the
 * declarations of the callbacks' kinds and of the service's own events: a subscriber to several
 * types its event with it, and narrows on `detail-type`. (Only types are imported here: a
 * subscriber bundles none of the kinds' code.)
 *
 * @example
 * import type { EventBridgeEvent } from 'aws-lambda';
 * type AnyEvent = { [T in DetailType]: EventBridgeEvent<T, DetailsByType[T]> }[DetailType];
 * export const handler = async (event: AnyEvent) => {
 *   if (event['detail-type'] === 'Stream Push Ended') console.log(event.detail.errcode);
 * };
 */
export type DetailsByType = { [K in Published as K['detailType']]: DetailOf<K> };

export type DetailType = keyof DetailsByType;
