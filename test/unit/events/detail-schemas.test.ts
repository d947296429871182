import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';
import { readdirSync } from 'node:fs';
import { recordingExceptionKind } from '../../../lib/events/kinds/recording-exception';
import { screenshotKind } from '../../../lib/events/kinds/screenshot';
import { PUBLISHED_EVENTS } from '../../../lib/events/published-events';
import { KINDS } from '../../../lib/events/registry';
import { detailJsonSchema, detailJsonSchemas, type JsonSchema } from '../../../lib/events/schema';
import { SERVICE_EVENTS } from '../../../lib/events/service-events';
import { detailOf, documentedDetail, kindBody } from '../../support/kinds';
import { projectPath } from '../../support/project';

/*
 * Each event's contract ships as a JSON Schema (draft-07), generated from its kind's declaration,
 * for subscribers that validate or generate types. The documented example of every kind,
 * normalised and published, must fit its schema, and the schema must describe every documented
 * and derived field. So must the fixture of each event the service publishes of its own accord.
 */

const ajv = new Ajv({ allErrors: true });

/**
 * What is wrong with the same schema read as draft-04, EventBridge's schema registry's: nothing,
 * when it is valid and uses no keyword whose meaning changed between the drafts.
 */
function draft04Problems(schema: JsonSchema): string[] {
  const ajv04 = new Ajv({ schemaId: 'id', meta: false });
  ajv04.addMetaSchema(draft04);
  const valid = ajv04.validateSchema({ ...schema, $schema: draft04.id });
  const changed = /"(const|\$id|exclusiveMinimum)":/.exec(JSON.stringify(schema));
  return [
    ...(valid ? [] : [ajv04.errorsText(ajv04.errors)]),
    ...(changed ? [`uses ${changed[1]}`] : []),
  ];
}

describe.each(KINDS.map((kind) => [kind.detailType, kind] as const))(
  'the JSON Schema of %s',
  (_detailType, kind) => {
    const schema = detailJsonSchema(kind);
    const validate = ajv.compile(schema);
    const detail = detailOf(kind, kind.normalise(kindBody(kind)));
    const properties = schema.properties as Record<string, Record<string, unknown>>;

    it('is a valid draft-07 schema', () => {
      expect(ajv.validateSchema(schema)).toBe(true);
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    });

    // EventBridge's schema registry takes draft-04: the same detail goes into its event schema.
    it('is as valid a draft-04 schema, with the same meaning', () => {
      expect(draft04Problems(schema)).toEqual([]);
    });

    it('accepts the event of the documented example', () => {
      const valid = validate(detail);

      expect(ajv.errorsText(validate.errors)).toBe('No errors');
      expect(valid).toBe(true);
    });

    it('describes every field the kind normalises or derives', () => {
      const names = Object.keys(properties);

      // Recordings list sign and t among their known names: they are never in a record.
      const fields = [...kind.keptWhenTruncated].filter((name) => name !== 'sign' && name !== 't');

      for (const name of ['id', 'version', ...fields]) expect(names).toContain(name);
    });

    it('requires only what every event of the kind has', () => {
      for (const name of schema.required as string[]) expect(detail).toHaveProperty(name);
    });

    it.each(['sign', 't', 'content_hash', 'publish_pending'])(
      'refuses an event with %s',
      (name) => {
        expect(validate({ ...detail, [name]: 'x' })).toBe(false);
      },
    );

    it('describes a truncated event: truncated and the fields left out', () => {
      const truncated = { ...detail, truncated: true, truncated_fields: ['callback_ext'] };

      expect(Object.keys(properties)).toEqual(
        expect.arrayContaining(['truncated', 'truncated_fields']),
      );
      expect(ajv.errorsText(validate(truncated) ? null : validate.errors)).toBe('No errors');
    });

    it('refuses an event without its id', () => {
      const { id: _id, ...withoutId } = detail;

      expect(validate(withoutId)).toBe(false);
    });

    it('says in words what the kind is and how its id is made, from its declaration', () => {
      expect(schema.description).toMatch(/^\S.*\. The event's detail is the callback's record/);
      expect(properties.id?.description).toMatch(/^<stream_id>\/\S/);
      expect(properties.stream_id?.description).toEqual(expect.any(String));
    });
  },
);

describe.each(SERVICE_EVENTS.map((event) => [event.detailType, event] as const))(
  'the JSON Schema of %s, an event of the service’s own',
  (_detailType, event) => {
    const schema = detailJsonSchema(event);
    const validate = ajv.compile(schema);
    const detail = documentedDetail(event);
    const properties = schema.properties as Record<string, Record<string, unknown>>;

    it('is a valid draft-07 schema, and as valid a draft-04 one', () => {
      expect(ajv.validateSchema(schema)).toBe(true);
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(draft04Problems(schema)).toEqual([]);
    });

    it('accepts its fixture, the detail it publishes', () => {
      const valid = validate(detail);

      expect(ajv.errorsText(validate.errors)).toBe('No errors');
      expect(valid).toBe(true);
    });

    it('describes every field it declares, id and version among them, and requires them', () => {
      const declared = Object.keys(event.definition.fields());

      expect(Object.keys(properties)).toEqual(declared);
      expect(declared).toEqual(expect.arrayContaining(['id', 'version']));
      for (const name of schema.required as string[]) expect(detail).toHaveProperty(name);
    });

    it.each(['sign', 't', 'content_hash', 'publish_pending', 'archive_progress'])(
      'refuses an event with %s',
      (name) => {
        expect(validate({ ...detail, [name]: 'x' })).toBe(false);
      },
    );

    it('refuses an event without its id', () => {
      const { id: _id, ...withoutId } = detail;

      expect(validate(withoutId)).toBe(false);
    });

    it('says in words what it is and what each field means, from its declaration', () => {
      expect(schema.description).toMatch(
        /^\S.*\. Published by the service itself, not for a callback/,
      );
      for (const field of Object.values(properties)) {
        expect(field.description).toEqual(expect.any(String));
      }
    });
  },
);

describe('the JSON Schemas of the details', () => {
  it('are one per published detail-type: the kinds in the registry’s order, then the service’s own', () => {
    expect([...detailJsonSchemas().keys()]).toEqual([
      ...KINDS.map((kind) => kind.detailType),
      ...SERVICE_EVENTS.map((event) => event.detailType),
    ]);
    expect(PUBLISHED_EVENTS).toEqual([...KINDS, ...SERVICE_EVENTS]);
  });

  it('are generated: no kind has a schema file of its own', () => {
    const eventsDir = projectPath('lib', 'events');
    const files = readdirSync(eventsDir, { recursive: true, encoding: 'utf8' });

    expect(files.filter((name) => name.endsWith('.json'))).toEqual([]);
  });

  it('take each field’s words from its TSDoc, and a nested object’s too', () => {
    const screenshot = detailJsonSchema(screenshotKind).properties as Record<string, object>;
    const exception = detailJsonSchema(recordingExceptionKind).properties as Record<string, object>;

    expect(screenshot.create_time).toEqual({
      type: 'number',
      description: 'Unix seconds: when the screenshot was taken.',
    });
    expect(screenshot.create_time_iso).toEqual({
      type: 'string',
      format: 'date-time',
      description: 'create_time, ISO 8601.',
    });
    expect(exception.exception).toMatchObject({
      type: 'object',
      properties: { occurs: { type: 'number', description: 'Times in the period.' } },
      additionalProperties: true,
    });
  });
});
