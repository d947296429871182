import { defineEventsKind } from '../define-kind';
import type { EventDetail } from '../detail';
import {
  PUSH_TIMES,
  endProjection,
  pushEventKey,
  pushFields,
  type PushFields,
} from '../push-session';

export const PUSH_ENDED_DETAIL_TYPE = 'Stream Push Ended';

/**
 * A push ended (`event_type` 0), with Tencent's error code and message and the push's duration:
 * `push-end#<ISO event_time>#<sequence>`, and the end of the session item `session#<sequence>`.
 * Its `sequence` is its start's, its id is not: they are two events.
 */
export const pushEndedKind = defineEventsKind({
  name: 'push-ended',
  eventTypes: [0],
  detailType: PUSH_ENDED_DETAIL_TYPE,
  fields: pushFields,
  times: PUSH_TIMES,
  eventKey: (fields) => pushEventKey('push-end', fields),
  project: endProjection,
});

/**
 * The `detail` of a `Stream Push Ended` event; `id` is `<stream_id>/push-end#<ISO time>#<sequence>`.
 * `errcode` says why the push ended (1: the pusher stopped it; see Tencent's stream interruption
 * error codes), `push_duration` how long it lasted in milliseconds.
 */
export type StreamPushEndedDetail = EventDetail<PushFields>;
