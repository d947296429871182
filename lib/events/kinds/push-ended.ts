import { defineKind } from '../define-kind';
import type { DetailOf } from '../detail';
import { PUSH_TIMES, endProjection, pushEventKey, pushFields } from '../push-session';

export const PUSH_ENDED_DETAIL_TYPE = 'Stream Push Ended';

/**
 * A push stopped (Tencent `event_type` 0), with Tencent's error code and message saying why and
 * the push's duration; same `sequence` as its start, another id. It completes the session item
 * `session#<sequence>`.
 */
export const pushEndedKind = defineKind({
  name: 'push-ended',
  eventTypes: [0],
  detailType: PUSH_ENDED_DETAIL_TYPE,
  fields: pushFields,
  times: PUSH_TIMES,
  /** `push-end#<ISO event_time>#<sequence>`: `sequence` is its start's, the id is not. */
  eventKey: (fields) => pushEventKey('push-end', fields),
  project: endProjection,
});

/**
 * The `detail` of a `Stream Push Ended` event. `errcode` says why the push ended (1: the pusher
 * stopped it; see Tencent's stream interruption error codes), `push_duration` how long it lasted
 * in milliseconds.
 */
export type StreamPushEndedDetail = DetailOf<typeof pushEndedKind>;
