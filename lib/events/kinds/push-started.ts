import { defineEventsKind } from '../define-kind';
import type { EventDetail } from '../detail';
import {
  PUSH_TIMES,
  pushEventKey,
  pushFields,
  startProjection,
  type PushFields,
} from '../push-session';

export const PUSH_STARTED_DETAIL_TYPE = 'Stream Push Started';

/**
 * A push started (`event_type` 1): `push-start#<ISO event_time>#<sequence>`, and the start of the
 * stream's session item `session#<sequence>`, which the push's end completes.
 */
export const pushStartedKind = defineEventsKind({
  name: 'push-started',
  eventTypes: [1],
  detailType: PUSH_STARTED_DETAIL_TYPE,
  fields: pushFields,
  times: PUSH_TIMES,
  eventKey: (fields) => pushEventKey('push-start', fields),
  project: startProjection,
});

/**
 * The `detail` of a `Stream Push Started` event; `id` is `<stream_id>/push-start#<ISO time>#<sequence>`.
 *
 * @example
 * import type { EventBridgeEvent } from 'aws-lambda';
 * export const handler = async (event: EventBridgeEvent<'Stream Push Started', StreamPushStartedDetail>) => {
 *   console.log(`${event.detail.stream_id} went live at ${event.detail.event_time_iso}`);
 * };
 */
export type StreamPushStartedDetail = EventDetail<PushFields>;
