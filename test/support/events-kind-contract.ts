import Ajv from 'ajv';
import { signCallback } from '../../lib/callback/sign-callback';
import { InvalidCallbackError } from '../../lib/errors';
import { EVENT_KEY } from '../../lib/events/event-key';
import type { AnyKind } from '../../lib/events/define-kind';
import { detailJsonSchema } from '../../lib/events/schema/detail-schema';
import { contentHash, type JsonObject } from '../../lib/json/json';
import { isStorable } from '../../lib/json/storable';
import { MAX_ENTRY_BYTES } from '../../lib/outbox/event';
import { REDACTED } from '../../lib/privacy/redaction';
import { eventOf, kindBody, rejection, without } from './kinds';

// A shared suite is the point of this file: it registers tests for whoever imports it.
// eslint-disable-next-line jest/no-export
export interface EventsKindContract {
  /** The fields without which a callback of the kind is refused (its key and its meaning). */
  required: readonly string[];
  /** Documented numbers as older senders write them (`{ event_time: '1703731478' }`). */
  numbersAsStrings: JsonObject;
  /** `event_key` starts with `<prefix>#`. */
  prefix: string;
}

const SECRET = 'f3a9c1e07b5d42e68a1c9b7d3e5f0a2c';

/**
 * What every kind kept in the events table promises, run against its documented example: each
 * kind's test file calls this, then tests what is its own.
 */
// eslint-disable-next-line jest/no-export
export function behavesLikeAnEventsKind(kind: AnyKind, contract: EventsKindContract): void {
  describe(`${kind.name}: what every kind in the events table does`, () => {
    const body = kindBody(kind);
    const fields = kind.normalise(body);
    const identity = kind.identify(fields);

    it('is kept in the events table, under stream_id and event_key', () => {
      expect(kind.table).toBe('events');
      expect(Object.keys(identity.key).sort()).toEqual([EVENT_KEY, 'stream_id']);
      expect(identity.key.stream_id).toBe(fields.stream_id);
    });

    it('names its event <stream_id>/<event_key>, the key starting with its prefix', () => {
      expect(identity.id).toBe(`${identity.key.stream_id}/${identity.key.event_key}`);
      expect(identity.key.event_key?.startsWith(`${contract.prefix}#`)).toBe(true);
      expect(identity.detailType).toBe(kind.detailType);
    });

    it('normalises its documented example into a storable record without sign and t', () => {
      expect(isStorable(fields)).toBe(true);
      expect(fields).not.toHaveProperty('sign');
      expect(fields).not.toHaveProperty('t');
      expect(typeof fields.event_type).toBe('number');
      expect(typeof fields.stream_id).toBe('string');
    });

    it('publishes an event EventBridge takes', () => {
      const event = eventOf(kind, fields);

      expect(event.size).toBeLessThan(MAX_ENTRY_BYTES);
      expect(event.detailType).toBe(kind.detailType);
      expect(JSON.parse(event.detail)).toMatchObject({ id: identity.id, version: 1 });
    });

    // The schema's types and required fields, without the words (read from the kind's file by
    // test/unit/events/detail-schemas.test.ts, which checks the service's kinds with them).
    it('publishes events that fit the JSON Schema generated from its declaration', () => {
      const ajv = new Ajv({ allErrors: true });
      const validate = ajv.compile(detailJsonSchema(kind));
      const published = [
        body,
        kindBody(kind, contract.numbersAsStrings),
        kindBody(kind, { new_field: 'x', callback_ext: '{"room":7}', stream_param: 'a=1' }),
        Object.fromEntries(
          Object.entries(body).filter(([name]) =>
            [...contract.required, 'event_type'].includes(name),
          ),
        ),
      ].map((sent) => JSON.parse(eventOf(kind, kind.normalise(sent)).detail) as unknown);

      for (const detail of published) {
        expect(validate(detail) ? 'valid' : ajv.errorsText(validate.errors)).toBe('valid');
      }
    });

    it('reads numbers sent as strings as the same numbers', () => {
      const asStrings = kind.normalise(kindBody(kind, contract.numbersAsStrings));

      expect(contentHash(asStrings)).toBe(contentHash(fields));
      for (const name of Object.keys(contract.numbersAsStrings)) {
        expect(typeof asStrings[name]).toBe('number');
      }
    });

    // A loop, not it.each: a kind may require nothing of its own (unknown types).
    for (const name of contract.required) {
      it(`refuses a callback without ${name} with a 400 naming it`, () => {
        const error = rejection(kind, without(body, name));

        expect(error).toBeInstanceOf(InvalidCallbackError);
        expect(error.statusCode).toBe(400);
        expect(error.message).toBe(`${name} is missing`);
      });
    }

    it('refuses a callback without event_type, naming it', () => {
      expect(rejection(kind, without(body, 'event_type')).message).toBe('event_type is missing');
    });

    it('accepts a callback with only the required fields', () => {
      const minimal = Object.fromEntries(
        Object.entries(body).filter(([name]) =>
          [...contract.required, 'event_type'].includes(name),
        ),
      );

      const record = kind.normalise(minimal);

      expect(kind.identify(record).key.stream_id).toBe(record.stream_id);
    });

    it('keeps the fields this version does not know, as sent', () => {
      const record = kind.normalise(
        kindBody(kind, { new_field: 'x', new_map: { a: [1, null, true] }, new_flag: false }),
      );

      expect(record).toMatchObject({
        new_field: 'x',
        new_map: { a: [1, null, true] },
        new_flag: false,
      });
    });

    it.each(['version', 'id', 'published_at'])(
      'keeps an unknown field named like one of ours (%s) as tencent_<name>',
      (name) => {
        const record = kind.normalise(kindBody(kind, { [name]: 'from tencent' }));

        expect(record[`tencent_${name}`]).toBe('from tencent');
        expect(record[name]).not.toBe('from tencent');
      },
    );

    // The item's sort key is ours. (The redaction rule reads "key" in the name as a secret's.)
    it('keeps an unknown field named event_key as tencent_event_key', () => {
      const record = kind.normalise(kindBody(kind, { [EVENT_KEY]: 'from tencent' }));

      expect(record).toHaveProperty(`tencent_${EVENT_KEY}`);
      expect(record).not.toHaveProperty(EVENT_KEY);
    });

    it.each<[string, JsonObject]>([
      ['stream_param', { stream_param: `txSecret=${SECRET}&txTime=658D5AE6` }],
      ['an unknown field holding a push URL', { push_url: `rtmp://h/live/s?txSecret=${SECRET}` }],
      ['a secret-named unknown field', { access_token: SECRET }],
      ['callback_ext', { callback_ext: `{"token":"${SECRET}"}` }],
    ])('keeps the secret out of the record: %s', (_case, overrides) => {
      const record = kind.normalise(kindBody(kind, overrides));

      expect(JSON.stringify(record)).not.toContain(SECRET);
      expect(JSON.stringify(record)).toContain(REDACTED);
    });

    it('gives the same record and id to redeliveries signed at different times', () => {
      const first = kind.normalise(signCallback(kindBody(kind), 'key', 1_800_000_600));
      const second = kind.normalise(signCallback(kindBody(kind), 'key', 1_800_000_660));

      expect(second).toEqual(first);
      expect(kind.identify(second)).toEqual(kind.identify(first));
    });

    it('keeps its keys far below DynamoDB’s 1024 bytes, whatever the parts hold', () => {
      const long = 'x'.repeat(900);
      const overrides = Object.fromEntries(
        contract.required
          .filter((name) => typeof body[name] === 'string' && name !== 'stream_id')
          .map((name) => [name, `${long}#/${name}`]),
      );

      const record = kind.normalise(kindBody(kind, overrides));

      expect(Buffer.byteLength(kind.identify(record).key.event_key ?? '')).toBeLessThan(300);
    });

    it('leaves the body it was given unchanged', () => {
      const sent = kindBody(kind);
      const before = structuredClone(sent);

      kind.normalise(sent);

      expect(sent).toEqual(before);
    });
  });
}
