import Ajv from 'ajv';
import { KINDS } from '../../../lib/events/registry';
import { detailOf, kindBody, loadSchema } from '../../support/kinds';

/*
 * Each event's contract ships as a JSON Schema (draft-07) beside its kind, for subscribers that
 * validate or generate types. The documented example of every kind, normalised and published,
 * must fit its schema, and the schema must describe every documented and derived field.
 */

const ajv = new Ajv({ allErrors: true });

describe.each(KINDS.map((kind) => [kind.detailType, kind] as const))(
  'the JSON Schema of %s',
  (_detailType, kind) => {
    const schema = loadSchema(kind);
    const validate = ajv.compile(schema);
    const detail = detailOf(kind, kind.normalise(kindBody(kind)));

    it('is a valid draft-07 schema', () => {
      expect(ajv.validateSchema(schema)).toBe(true);
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    });

    it('accepts the event of the documented example', () => {
      const valid = validate(detail);

      expect(ajv.errorsText(validate.errors)).toBe('No errors');
      expect(valid).toBe(true);
    });

    it('describes every field the kind normalises or derives', () => {
      const properties = Object.keys(schema.properties as object);

      // Recordings list sign and t among their known names: they are never in a record.
      const fields = [...kind.keptWhenTruncated].filter((name) => name !== 'sign' && name !== 't');

      for (const name of ['id', 'version', ...fields]) expect(properties).toContain(name);
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
      const properties = Object.keys(schema.properties as object);
      const truncated = { ...detail, truncated: true, truncated_fields: ['callback_ext'] };

      expect(properties).toEqual(expect.arrayContaining(['truncated', 'truncated_fields']));
      expect(ajv.errorsText(validate(truncated) ? null : validate.errors)).toBe('No errors');
    });

    it('refuses an event without its id', () => {
      const { id: _id, ...withoutId } = detail;

      expect(validate(withoutId)).toBe(false);
    });
  },
);
