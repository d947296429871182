import type { DetailOf } from './detail';
import type { KINDS } from './registry';

type Kind = (typeof KINDS)[number];

/**
 * Every detail-type the service publishes, and the type of its `detail`, read from the registry's
 * kinds: a subscriber to several kinds types its event with it, and narrows on `detail-type`.
 * (Only types are imported here: a subscriber bundles none of the kinds' code.)
 *
 * @example
 * import type { EventBridgeEvent } from 'aws-lambda';
 * type AnyEvent = { [T in DetailType]: EventBridgeEvent<T, DetailsByType[T]> }[DetailType];
 * export const handler = async (event: AnyEvent) => {
 *   if (event['detail-type'] === 'Stream Push Ended') console.log(event.detail.errcode);
 * };
 */
export type DetailsByType = { [K in Kind as K['detailType']]: DetailOf<K> };

export type DetailType = keyof DetailsByType;
