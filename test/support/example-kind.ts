import * as v from 'valibot';
import { defineKind } from '../../lib/events/define-kind';
import type { DetailOf } from '../../lib/events/detail';
import { eventKey, textPart, timePart } from '../../lib/events/event-key';
import {
  identifier,
  jsonText,
  keptAsSent,
  keyText,
  numeric,
  text,
  unixTime,
} from '../../lib/events/fields';

/*
 * A kind written exactly as a new one in lib/events/kinds/ would be, for
 * test/unit/events/adding-a-kind.test.ts: it shows that this file (with its fixture,
 * test/fixtures/example-callback.json) is all the service needs to know of a kind. Tencent has
 * no event_type 990.
 */

export const EXAMPLE_DETAIL_TYPE = 'Example Happened';

/**
 * Something happened to a stream (Tencent `event_type` 990, which does not exist).
 *
 * A second paragraph, for the kind's developers: the schema's description takes the first.
 */
export const exampleKind = defineKind({
  name: 'example',
  eventTypes: [990],
  detailType: EXAMPLE_DETAIL_TYPE,
  fields: () => ({
    /** The stream's name. */
    stream_id: keyText,
    /** Tencent's number of this message. */
    seq: identifier,
    /** Unix seconds: when it happened. */
    event_time: unixTime,
    /** How much of it there was. */
    amount: v.optional(numeric),
    note: v.optional(text),
    /** What happened, in detail (an array), kept as sent. */
    details: keptAsSent,
    stream_param: v.optional(text),
    callback_ext: jsonText,
  }),
  times: { event_time: 'seconds' },
  /** `example#<ISO event_time>#<seq>`: a stream's examples in time order. */
  eventKey: (fields) =>
    eventKey('example', [timePart(fields.event_time as number), textPart(fields.seq as string)]),
});

/** The `detail` of an `Example Happened` event. */
export type ExampleHappenedDetail = DetailOf<typeof exampleKind>;
