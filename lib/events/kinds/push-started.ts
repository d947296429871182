import { defineKind } from '../define-kind';
import type { DetailOf } from '../detail';
import { PUSH_TIMES, pushEventKey, pushFields, startProjection } from '../push-session';

export const PUSH_STARTED_DETAIL_TYPE = 'Stream Push Started';

/**
 * A push of a live stream to one of your push domains began (Tencent `event_type` 1). It starts
 * the stream's session item `session#<sequence>`, which the push's end completes.
 */
export const pushStartedKind = defineKind({
  name: 'push-started',
  eventTypes: [1],
  detailType: PUSH_STARTED_DETAIL_TYPE,
  fields: pushFields,
  times: PUSH_TIMES,
  /** `push-start#<ISO event_time>#<sequence>`: a stream's pushes in time order. */
  eventKey: (fields) => pushEventKey('push-start', fields),
  project: startProjection,
});

/**
 * The `detail` of a `Stream Push Started` event.
 *
 * @example
 * import type { EventBridgeEvent } from 'aws-lambda';
 * export const handler = async (event: EventBridgeEvent<'Stream Push Started', StreamPushStartedDetail>) => {
 *   console.log(`${event.detail.stream_id} went live at ${event.detail.event_time_iso}`);
 * };
 */
export type StreamPushStartedDetail = DetailOf<typeof pushStartedKind>;
