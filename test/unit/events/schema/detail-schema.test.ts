import * as v from 'valibot';
import { defineKind } from '../../../../lib/events/define-kind';
import { defineServiceEvent } from '../../../../lib/events/define-service-event';
import { blankable, numeric, text } from '../../../../lib/events/fields';
import { eventVersion } from '../../../../lib/events/service-fields';
import { exampleServiceEvent } from '../../../support/example-service-event';
import { detailJsonSchema } from '../../../../lib/events/schema/detail-schema';

/** A kind declared with `fields`, keyed by nothing in particular. */
function kindOf(fields: v.ObjectEntries) {
  return defineKind({
    name: 'shapes',
    eventTypes: [991],
    detailType: 'Shapes Seen',
    fields: () => fields,
    eventKey: () => 'shapes#1',
  });
}

describe('detailJsonSchema', () => {
  it('gives each field the JSON type its schema outputs', () => {
    const schema = detailJsonSchema(
      kindOf({
        word: v.string(),
        count: v.optional(v.number()),
        flag: v.optional(v.boolean()),
        list: v.optional(v.array(v.number())),
        anything: v.optional(v.unknown()),
        nested: v.optional(v.object({ inner: v.string(), maybe: v.optional(v.number()) })),
        blank: blankable(numeric),
        lower: v.optional(v.pipe(text, v.toLowerCase())),
      }),
    );

    expect(schema.properties).toMatchObject({
      word: { type: 'string' },
      count: { type: 'number' },
      flag: { type: 'boolean' },
      list: { type: 'array', items: { type: 'number' } },
      anything: {},
      nested: {
        type: 'object',
        properties: { inner: { type: 'string' }, maybe: { type: 'number' } },
        required: ['inner'],
        additionalProperties: false,
      },
      blank: { type: 'number' },
      lower: { type: 'string' },
    });
    expect(schema.required).toEqual(['id', 'version', 'event_type', 'word']);
  });

  it('names the field whose schema it cannot describe, and where to teach it', () => {
    expect(() => detailJsonSchema(kindOf({ when: v.date() }))).toThrow(
      'shapes: when: no JSON Schema for a valibot date schema; add its output type to lib/events/schema/detail-schema.ts',
    );
  });

  it('names a recording <stream_id>/<file_id>, from the table its kind is kept in', () => {
    const recordings = defineKind({
      name: 'files',
      eventTypes: [992],
      detailType: 'File Seen',
      table: 'recordings',
      sortKey: 'file_id',
      fields: () => ({ stream_id: text, file_id: text }),
    });

    expect(detailJsonSchema(recordings).properties).toMatchObject({
      id: { description: '<stream_id>/<file_id>' },
    });
  });

  it('describes the id by the event key when the kind’s file says nothing of it', () => {
    expect(detailJsonSchema(kindOf({})).properties).toMatchObject({
      id: { description: '<stream_id>/<event_key>' },
    });
  });
});

describe('detailJsonSchema of an event the service publishes of its own accord', () => {
  const event = exampleServiceEvent;

  it('has the fields it declares, and no event_type: it is no callback', () => {
    const schema = detailJsonSchema(event);

    expect(schema).toMatchObject({
      title: 'Thing Measured (detail)',
      type: 'object',
      required: ['id', 'version', 'size'],
      properties: {
        id: { type: 'string' },
        version: { type: 'integer', minimum: 1 },
        size: { type: 'integer', minimum: 0 },
        note: { type: 'string' },
      },
      additionalProperties: true,
    });
    expect(Object.keys(schema.properties as object)).toEqual(['id', 'version', 'size', 'note']);
  });

  it('says it is published by the service, and what to deduplicate on', () => {
    expect(detailJsonSchema(event).description).toBe(
      'Published by the service itself, not for a callback: its detail has the fields listed here (a later version may add more). Deduplicate on id + version.',
    );
  });

  it('names the field whose schema it cannot describe', () => {
    const dated = defineServiceEvent({
      name: 'dated',
      detailType: 'Dated',
      fields: () => ({ id: text, version: eventVersion, when: v.date() }),
    });

    expect(() => detailJsonSchema(dated)).toThrow(
      'dated: when: no JSON Schema for a valibot date schema; add its output type to lib/events/schema/detail-schema.ts',
    );
  });
});
