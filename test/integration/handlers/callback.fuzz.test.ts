import { ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { signCallback } from '../../../lib/callback/sign-callback';
import { captureOutput } from '../../support/capture-output';
import { FIXTURES, fixture } from '../../support/fixtures';
import { postCallback, type Answer, type HttpHandler } from '../../../fakes/http-api-event';
import { loadHandler, TEST_KEY } from '../../support/load-handler';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../../fakes/dynamodb';
import { createTestTable, eventsTableOf } from '../../support/local-dynamodb';
import { startLocalEventBridge, type LocalEventBridge } from '../../../fakes/eventbridge';
import { readItem, readItemByKey } from '../../support/table';
import { KINDS } from '../../../lib/events/registry';
import { interpretCallback } from '../../../lib/ingest/interpret';
import { parseJson, type JsonObject } from '../../../lib/json/json';

/*
 * Property-based tests: thousands of generated bodies through the real handler, table and bus.
 * Whatever a sender sends, the service answers (never throws), blames the sender with a 4xx
 * (never a 5xx), and stores nothing it did not authenticate and validate.
 */
const RUNS = {
  unsignedJson: 1500,
  rawText: 1000,
  signedMutations: 1500,
  signedMutationsPerKind: 200,
} as const;

let db: LocalDynamoDb;
let bus: LocalEventBridge;
let tableName: string;
let handler: HttpHandler;
let output: ReturnType<typeof captureOutput>;
/** Keys answered 200, to compare with the table at the end. */
const accepted = new Set<string>();

beforeAll(async () => {
  [db, bus] = await Promise.all([startLocalDynamoDb(), startLocalEventBridge()]);
  tableName = await createTestTable(db, 'fuzz');
  handler = await loadHandler('../../handlers/callback', {
    tableName,
    dynamoDbEndpoint: db.endpoint,
    eventBridgeEndpoint: bus.endpoint,
    callbackKey: TEST_KEY,
  });
  output = captureOutput();
});

afterAll(async () => {
  output.restore();
  await Promise.all([db.stop(), bus.stop()]);
});

async function tableSize(table = tableName): Promise<number> {
  const { Count = 0 } = await db.client.send(
    new ScanCommand({ TableName: table, Select: 'COUNT' }),
  );
  return Count;
}

function expectSenderError(answer: Answer): void {
  expect([400, 401, 413]).toContain(answer.statusCode);
  expect(answer.body.code).toBe(answer.statusCode);
  expect(typeof answer.body.message).toBe('string');
}

const anyJson = fc.jsonValue({ maxDepth: 6 });
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('{', '[', 'null', '"x"', '{"sign":', '\u0000', '{"__proto__":{"x":1}}'),
);

it(`answers ${RUNS.unsignedJson} generated unsigned JSON bodies with a 4xx and stores nothing`, async () => {
  const sizeBefore = await tableSize();
  const eventsBefore = await tableSize(eventsTableOf(tableName));
  const withRecordingFields = fc.record(
    {
      event_type: fc.oneof(fc.constant(100), anyJson),
      stream_id: anyJson,
      file_id: anyJson,
      sign: anyJson,
      t: anyJson,
    },
    { requiredKeys: [] },
  );

  await fc.assert(
    fc.asyncProperty(
      fc.oneof(anyJson, withRecordingFields, fc.dictionary(fc.string(), anyJson)),
      async (body) => {
        expectSenderError(await postCallback(handler, JSON.stringify(body)));
      },
    ),
    { numRuns: RUNS.unsignedJson },
  );

  expect(await tableSize()).toBe(sizeBefore);
  expect(await tableSize(eventsTableOf(tableName))).toBe(eventsBefore);
  expect(bus.calls).toBe(0);
});

it(`answers ${RUNS.rawText} generated non-JSON or odd bodies, plain or base64, with a 4xx`, async () => {
  await fc.assert(
    fc.asyncProperty(text, fc.boolean(), async (body, base64) => {
      const sent = base64 ? Buffer.from(body, 'utf8').toString('base64') : body;
      expectSenderError(await postCallback(handler, sent, base64));
    }),
    { numRuns: RUNS.rawText },
  );
  expect(bus.calls).toBe(0);
});

/** A valid recording callback with one to three things wrong (or odd) about it. */
const mutatedPayload = (base: JsonObject) => {
  const field = fc.constantFrom(
    ...Object.keys(base),
    '__proto__',
    'constructor',
    'version',
    'id',
    '',
    'txSecret',
  );
  const mutation = fc.oneof(
    field.map((name) => (body: JsonObject) => {
      delete body[name];
    }),
    fc.tuple(field, anyJson).map(([name, value]) => (body: JsonObject) => {
      Object.defineProperty(body, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }),
    fc
      .tuple(field, fc.string({ unit: 'binary', maxLength: 300 }))
      .map(([name, value]) => (body: JsonObject) => {
        body[name] = value;
      }),
    fc.tuple(field, fc.integer({ min: 20, max: 60 })).map(([name, depth]) => (body: JsonObject) => {
      let nested: unknown = 'deep';
      for (let level = 0; level < depth; level++) nested = { level: nested };
      body[name] = nested;
    }),
    fc.tuple(field, fc.double()).map(([name, value]) => (body: JsonObject) => {
      body[name] = value;
    }),
  );
  return fc
    .tuple(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat())
    .map(([mutations, n]) => {
      const body: JsonObject = {
        ...base,
        stream_id: `fuzz-${n}-${Math.random().toString(36).slice(2)}`,
      };
      for (const mutate of mutations) mutate(body);
      return body;
    });
};

it(`answers ${RUNS.signedMutations} signed, mutated recording callbacks with 200 or a 4xx, and stores exactly the 200s`, async () => {
  const base = fixture(FIXTURES.legacyStrings);

  await fc.assert(
    fc.asyncProperty(mutatedPayload(base), async (body) => {
      const answer = await postCallback(handler, JSON.stringify(signCallback(body, TEST_KEY)));

      if (answer.statusCode !== 200) {
        expectSenderError(answer);
        return;
      }
      const key = {
        stream_id: body.stream_id as string,
        file_id: String(body.file_id),
      };
      if (Number(body.event_type) !== 100) return; // another kind: see the test of every kind below
      accepted.add(`${key.stream_id}/${key.file_id}`);
      expect(await readItem(db, tableName, key)).toMatchObject({
        stream_id: key.stream_id,
        file_id: key.file_id,
      });
    }),
    { numRuns: RUNS.signedMutations },
  );

  expect(await tableSize()).toBe(accepted.size);
  expect(accepted.size).toBeGreaterThan(RUNS.signedMutations / 10); // the generator still makes valid callbacks
  expect(output.text()).not.toContain('3f1b2c9d8e7a6b5c4d3e2f1a0b9c8d7e');
  expect(output.text()).not.toContain(TEST_KEY);
}, 120_000);

const otherKinds = KINDS.filter((kind) => kind.table === 'events');

it.each(otherKinds.map((kind) => [kind.name] as const))(
  `answers ${RUNS.signedMutationsPerKind} signed, mutated %s callbacks with 200 or a 4xx, and stores every 200 under its key`,
  async (name) => {
    const base = fixture(`${name}-callback.json`);
    let stored = 0;

    await fc.assert(
      fc.asyncProperty(mutatedPayload(base), async (body) => {
        const signed = JSON.stringify(signCallback(body, TEST_KEY));
        const answer = await postCallback(handler, signed);

        if (answer.statusCode !== 200) {
          expectSenderError(answer);
          return;
        }
        // What the service understood, read from the same bytes it was sent.
        const { kind, identity } = interpretCallback(parseJson(signed) as JsonObject);
        const table = kind.table === 'recordings' ? tableName : eventsTableOf(tableName);
        expect(await readItemByKey(db, table, { ...identity.key })).toMatchObject(identity.key);
        stored++;
      }),
      { numRuns: RUNS.signedMutationsPerKind },
    );

    expect(stored).toBeGreaterThan(RUNS.signedMutationsPerKind / 10); // still valid callbacks
    expect(output.text()).not.toContain(TEST_KEY);
  },
  120_000,
);
