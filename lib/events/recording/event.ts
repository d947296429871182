import type { PlainJson } from '../../json/json';
import type { RecordingFields, UnknownFields } from './types';

export const RECORDING_EVENT_DETAIL_TYPE = 'Recording File Created';

/**
 * Present on every event: `id` and `version` name one event. The same record may be announced
 * more than once (a changed redelivery bumps `version`; a crash between publishing and recording
 * that it was published repeats one): consumers deduplicate on `id` + `version`.
 *
 * An event that would be larger than EventBridge's 256 KB entry limit is published without its
 * bulkiest optional fields (unknown fields, `callback_ext`, `stream_param`): `truncated` is then
 * `true` and `truncated_fields` names what was left out. The table holds the whole record.
 */
export interface EventIdentity {
  id: string;
  version: number;
  truncated?: true;
  truncated_fields?: string[];
}

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
