import * as v from 'valibot';

/*
 * The shapes of fields the service writes itself, in the events it publishes of its own accord
 * (`./define-service-event.ts`), beside those of `./fields.ts`: they declare a field's type and
 * JSON Schema, and validate nothing. Apart from `./fields.ts`, which every function loads, so
 * that they cost the callback nothing.
 */

/** An event's `version`: 1, then +1 with each change of what it announces. */
export const eventVersion = v.pipe(v.number(), v.integer(), v.minValue(1));

/** A number of bytes the service counted (an archived recording's `bytes`). */
export const byteCount = v.pipe(v.number(), v.integer(), v.minValue(0));
