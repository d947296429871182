import Ajv from 'ajv';
import { callbackReceivedKind } from '../../../lib/events/kinds/callback-received';
import { KINDS, kindRegistry } from '../../../lib/events/registry';
import { KIND_FILES, detailJsonSchema, detailJsonSchemas } from '../../../lib/events/schema';
import { summariseEvent } from '../../../lib/events/summarise';
import { behavesLikeAnEventsKind } from '../../support/events-kind-contract';
import {
  EXAMPLE_DETAIL_TYPE,
  exampleKind,
  type ExampleHappenedDetail,
} from '../../support/example-kind';
import { detailOf, kindBody } from '../../support/kinds';
import { projectPath } from '../../support/project';

/*
 * docs/events.md, "Adding a kind": a kind is its file in lib/events/kinds/ and a line in
 * lib/events/registry.ts; beside them, its fixture, its tests, its line in lib/events/summarise.ts
 * and its section in the docs. Everything else comes from the kind's file. Here a kind written as
 * a new one would be (test/support/example-kind.ts), and known to no other file of the service,
 * is routed, normalised, keyed, published, typed and described.
 */

const EXAMPLE_FILE = projectPath('test', 'support', 'example-kind.ts');

/** The service's registry with the example's line added. */
const registry = kindRegistry([...KINDS, exampleKind], callbackReceivedKind);

behavesLikeAnEventsKind(exampleKind, {
  required: ['stream_id', 'seq', 'event_time'],
  numbersAsStrings: { event_time: '1703731480', amount: '12' },
  prefix: 'example',
});

describe('a kind added by its file and a line in the registry', () => {
  const record = exampleKind.normalise(kindBody(exampleKind));
  const detail = detailOf(exampleKind, record);

  it('is the kind of its event_type, and its detail-type finds its fields', () => {
    expect(registry.kindOfEventType(990)).toBe(exampleKind);
    expect(registry.keptWhenTruncated(EXAMPLE_DETAIL_TYPE)).toBe(exampleKind.keptWhenTruncated);
  });

  it('normalises its callback by the fields its file declares, adding the ISO copies', () => {
    expect(record).toEqual({
      event_type: 990,
      stream_id: 'test_stream',
      seq: '42',
      event_time: 1703731480,
      amount: 12,
      note: 'made up for test/support/example-kind.ts',
      event_time_iso: '2023-12-28T02:44:40.000Z',
      stream_param: { txSecret: '[redacted]', txTime: '658D5AE6' },
      callback_ext: { room: '7' },
      details: [{ what: 'it happened', times: 2 }],
    });
  });

  it('keeps what it declares as kept as sent, and its JSON texts, out of a too-large event first', () => {
    expect([...exampleKind.keptWhenTruncated].sort()).toEqual(
      ['amount', 'event_time', 'event_time_iso', 'event_type', 'note', 'seq', 'stream_id'].sort(),
    );
  });

  it('has its detail’s type read from its file', () => {
    // Checked by the compiler: required and optional fields, each of its schema's output type.
    const typed: ExampleHappenedDetail = {
      id: 'test_stream/example#2023-12-28T02:44:40.000Z#42',
      version: 1,
      event_type: 990,
      stream_id: 'test_stream',
      seq: '42',
      event_time: 1703731480,
      event_time_iso: '2023-12-28T02:44:40.000Z',
    };
    // @ts-expect-error: event_time_iso is in every event of the kind, as event_time is
    const withoutIso: ExampleHappenedDetail = { ...typed, event_time_iso: undefined };
    // @ts-expect-error: amount is a number, whatever the sender wrote
    const textAmount: ExampleHappenedDetail = { ...typed, amount: '12' };

    expect(detail).toMatchObject(typed);
    expect([withoutIso, textAmount]).toHaveLength(2);
  });

  it('has a JSON Schema generated from its file, which its event fits', () => {
    const schema = detailJsonSchema(exampleKind, [EXAMPLE_FILE]);
    const validate = new Ajv().compile(schema);

    expect(validate(detail)).toBe(true);
    expect(validate({ ...detail, amount: '12' })).toBe(false);
    expect(schema.title).toBe('Example Happened (detail)');
    expect(schema.description).toMatch(
      /^Something happened to a stream \(Tencent event_type 990, which does not exist\)\. The event's detail/,
    );
    expect(schema.required).toEqual([
      'id',
      'version',
      'event_type',
      'stream_id',
      'seq',
      'event_time',
      'event_time_iso',
    ]);
    expect(schema.properties).toMatchObject({
      id: {
        type: 'string',
        description:
          "<stream_id>/example#<ISO event_time>#<seq>: a stream's examples in time order.",
      },
      event_type: { enum: [990] },
      amount: { type: 'number', description: 'How much of it there was.' },
      note: { type: 'string' },
      details: { description: 'What happened, in detail (an array), kept as sent.' },
    });
  });

  it('is listed with the service’s kinds, for the docs and the packaging', () => {
    const schemas = detailJsonSchemas([...KINDS, exampleKind], [...KIND_FILES, EXAMPLE_FILE]);

    expect([...schemas.keys()]).toEqual([
      ...KINDS.map((kind) => kind.detailType),
      EXAMPLE_DETAIL_TYPE,
    ]);
  });

  it('gets the generic line until summarise.ts has one of its own', () => {
    expect(summariseEvent(EXAMPLE_DETAIL_TYPE as never, detail as never)).toBe(
      'Example Happened test_stream v1: id test_stream/example#2023-12-28T02:44:40.000Z#42',
    );
  });
});
