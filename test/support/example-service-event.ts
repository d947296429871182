import * as v from 'valibot';
import { defineServiceEvent } from '../../lib/events/define-service-event';
import { text } from '../../lib/events/fields';
import { byteCount, eventVersion } from '../../lib/events/service-fields';

/**
 * An event a service might publish of its own accord, declared as one in lib/events/kinds/ would
 * be, for the tests of the machinery (lib/events/define-service-event.ts and the schemas).
 */
export const exampleServiceEvent = defineServiceEvent({
  name: 'thing-measured',
  detailType: 'Thing Measured',
  fields: () => ({
    id: text,
    version: eventVersion,
    size: byteCount,
    note: v.optional(text),
  }),
});
