import { defineKind } from '../define-kind';
import type { DetailOf } from '../detail';
import { eventKey, recordHash, streamIdFrom } from '../event-key';
import { keyText } from '../fields';

export const CALLBACK_RECEIVED_DETAIL_TYPE = 'Callback Received';

/** Where Tencent's callbacks name their stream, in the spellings they use. */
const STREAM_CANDIDATES = ['stream_id', 'streamId', 'stream_name', 'channel_id'];

/**
 * An authenticated callback of a type without a kind of its own (relay events, 314, today; any
 * type Tencent adds tomorrow): forwarded as sent, minus `sign`, `t` and secrets, so that it
 * reaches subscribers without a release.
 *
 * Only `event_type` is read as a number; every other field is kept exactly as sent
 * (`stream_param` and `callback_ext` stay strings, their secrets redacted).
 */
export const callbackReceivedKind = defineKind({
  name: 'callback-received',
  eventTypes: [],
  detailType: CALLBACK_RECEIVED_DETAIL_TYPE,
  fields: () => ({}),
  derived: {
    fields: {
      /**
       * The first of `stream_id`, `streamId`, `stream_name`, `channel_id` that is a non-empty
       * string; `-` when none is.
       */
      stream_id: keyText,
    },
    derive: (_known, body) => ({ stream_id: streamIdFrom(body, STREAM_CANDIDATES) }),
  },
  /**
   * `callback-<event_type>#<hash of the record>`: with no known natural key, the content is the
   * identity, so a redelivery is recognised and anything different is a new event.
   */
  eventKey: (fields) =>
    // The normaliser read event_type as a number.
    eventKey(`callback-${fields.event_type as number}`, [recordHash(fields)]),
});

/** The `detail` of a `Callback Received` event. */
export type CallbackReceivedDetail = DetailOf<typeof callbackReceivedKind>;
