import * as v from 'valibot';
import { defineEventsKind } from '../define-kind';
import type { EventDetail } from '../detail';
import { eventKey, recordHash, streamIdFrom } from '../event-key';

export const CALLBACK_RECEIVED_DETAIL_TYPE = 'Callback Received';

/** Where Tencent's callbacks name their stream, in the spellings they use. */
const STREAM_CANDIDATES = ['stream_id', 'streamId', 'stream_name', 'channel_id'];

/**
 * Any authenticated callback of a type without a kind of its own (relay events, 314, today; a
 * type Tencent adds tomorrow): forwarded as sent, minus `sign`, `t` and secrets, so that it
 * reaches subscribers without a release. Only `event_type` is read as a number; every other field
 * is kept exactly as sent (`stream_param` and `callback_ext` stay strings, their secrets redacted).
 *
 * Its stream is the first of `stream_id`, `streamId`, `stream_name`, `channel_id` that is a
 * non-empty string, else `-`. Key: `callback-<event_type>#<hash of the record>`: with no known
 * natural key, the content is the identity, so a redelivery is recognised and anything different
 * is a new event.
 */
export const callbackReceivedKind = defineEventsKind({
  name: 'callback-received',
  eventTypes: [],
  detailType: CALLBACK_RECEIVED_DETAIL_TYPE,
  fields: () => v.object({}),
  derived: {
    names: ['stream_id'],
    derive: (_known, body) => ({ stream_id: streamIdFrom(body, STREAM_CANDIDATES) }),
  },
  jsonText: [],
  // The normaliser read event_type as a number.
  eventKey: (fields) => eventKey(`callback-${fields.event_type as number}`, [recordHash(fields)]),
});

export interface CallbackReceivedFields {
  /** Tencent's `event_type`, as a number. */
  event_type: number;
  /** The callback's stream, or `-` when it names none. */
  stream_id: string;
}

/** The `detail` of a `Callback Received` event; `id` is `<stream_id>/callback-<event_type>#<hash>`. */
export type CallbackReceivedDetail = EventDetail<CallbackReceivedFields>;
