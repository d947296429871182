import type { PlainJson } from '../../json/json';
import type { EventIdentity } from '../detail';
import type { RecordingFields, UnknownFields } from './types';

export const RECORDING_EVENT_DETAIL_TYPE = 'Recording File Created';

/** Moved to `../detail.ts`, which every kind shares; still exported here for subscribers' imports. */
export type { EventIdentity } from '../detail';

/**
 * The `detail` of a `Recording File Created` event: the recording as stored, without the
 * service's bookkeeping, plus `id` (`<stream_id>/<file_id>`) and `version`. Numbers beyond 2^53
 * are written with all their digits (JavaScript's `JSON.parse` rounds them; parse with a lossless
 * parser where they matter).
 *
 * @example
 * import type { EventBridgeEvent } from 'aws-lambda';
 * import type { RecordingFileCreatedDetail } from '../lib/events/recording/event';
 * export const handler = async (event: EventBridgeEvent<'Recording File Created', RecordingFileCreatedDetail>) => {
 *   if (event.detail.truncated) console.log('read the whole record from the table');
 *   console.log(event.detail.id, event.detail.video_url);
 * };
 */
export type RecordingFileCreatedDetail = RecordingFields<number, PlainJson> &
  UnknownFields<PlainJson> &
  EventIdentity;
