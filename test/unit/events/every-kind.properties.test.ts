import fc from 'fast-check';
import { decodeCallbackBody, MAX_BODY_BYTES } from '../../../lib/callback/body';
import type { JsonObject } from '../../../lib/json/json';
import { signCallback } from '../../../lib/callback/sign-callback';
import { InvalidCallbackError } from '../../../lib/errors';
import type { EventKind } from '../../../lib/events/kind';
import { KINDS } from '../../../lib/events/registry';
import type { JsonMap } from '../../../lib/json/json';
import { isStorable } from '../../../lib/json/storable';
import { MAX_ENTRY_BYTES } from '../../../lib/outbox/event';
import { eventOf, kindBody } from '../../support/kinds';

/*
 * The promise every kind makes to the sender: whatever an authenticated body holds, the
 * normaliser either returns a record that can be stored (its keys within DynamoDB's limits) and
 * published (its event under EventBridge's 256 KB), or refuses it with an InvalidCallbackError,
 * the sender's 400. Anything else would be a 5xx that Tencent retries for nothing.
 */

type Outcome = { fields: JsonMap } | { refused: InvalidCallbackError };

function outcomeOf(kind: EventKind, body: JsonObject): Outcome {
  try {
    return { fields: kind.normalise(body) };
  } catch (error) {
    if (error instanceof InvalidCallbackError) return { refused: error };
    throw error;
  }
}

/** What must hold of every record a kind accepts. */
function expectStorableAndPublishable(kind: EventKind, body: JsonObject, fields: JsonMap): void {
  expect(isStorable(fields)).toBe(true);
  const identity = kind.identify(fields);
  for (const value of Object.values(identity.key)) {
    expect(typeof value).toBe('string');
    expect(value.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(value)).toBeLessThanOrEqual(1024);
  }
  expect(identity.detailType).toBe(kind.detailType);
  const event = eventOf(kind, fields);
  expect(event.size).toBeLessThan(MAX_ENTRY_BYTES);
  expect((JSON.parse(event.detail) as { id: unknown }).id).toBe(identity.id);
  const projection = kind.project?.(fields);
  if (projection) {
    expect(Buffer.byteLength(projection.key.event_key ?? '')).toBeLessThanOrEqual(1024);
    expect(isStorable({ ...projection.set, ...projection.derive?.(projection.set) })).toBe(true);
  }
  // The same body, delivered again, is the same record and the same event.
  expect(kind.identify(kind.normalise(structuredClone(body)))).toEqual(identity);
}

/** Values a sender might put anywhere: numbers as text, huge and tiny numbers, odd strings. */
function valueLike(original: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constant(typeof original === 'number' ? String(original) : original),
    fc.constantFrom('', '0', '-1', '1e20', '1.5', ' 1', '18446744073709551615', 'NaN', null),
    fc.constantFrom(1e300, -1e300, 1e-200, 2 ** 60, -0, 1e11 + 1, 1e14 + 1),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.string({ maxLength: 2000 }),
    fc.constantFrom('txSecret=abc&key=&sign=', 'a#b/c~d%', 'key=&'.repeat(300)),
  );
}

const NAMES = ['version', 'id', 'event_key', 'stream_id', 'streamId', 'txSecret', 'x', '', 'a b'];

function mutatedBody(kind: EventKind): fc.Arbitrary<JsonObject> {
  const base = kindBody(kind);
  const names = [...Object.keys(base), ...NAMES];
  const mutation = fc.oneof(
    fc.record({ drop: fc.constantFrom(...names) }),
    fc
      .constantFrom(...names)
      .chain((name) => fc.record({ set: fc.constant(name), value: valueLike(base[name]) })),
  );
  return fc.array(mutation, { maxLength: 6 }).map((mutations) => {
    const body: JsonObject = signCallback(base, 'key', 1_800_000_600);
    for (const change of mutations) {
      if ('drop' in change) delete body[change.drop];
      // defineProperty: a generated name may be __proto__.
      else
        Object.defineProperty(body, change.set, {
          value: change.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return body;
  });
}

/** JSON that grows most once normalised, filling a body up to the 64 KiB limit. */
function largeBodyText(kind: EventKind): fc.Arbitrary<string> {
  const head = JSON.stringify(signCallback(kindBody(kind), 'key', 1_800_000_600)).slice(0, -1);
  return fc
    .record({
      value: fc.constantFrom('1e20', '-9e20', '0', '{}', '{"token":[]}', '"?key=&sign="', '1e-7'),
      filler: fc.constantFrom('array', 'fields', 'stream-param'),
      share: fc.double({ min: 0.1, max: 1, noNaN: true }),
    })
    .map(({ value, filler, share }) => {
      const room = Math.floor((MAX_BODY_BYTES - head.length - 64) * share);
      const count = Math.max(1, Math.floor(room / (value.length + 6)));
      const fill =
        filler === 'array'
          ? `"samples":[${Array.from({ length: count }, () => value).join(',')}]`
          : filler === 'fields'
            ? Array.from({ length: count }, (_, index) => `"${index.toString(36)}":${value}`).join(
                ',',
              )
            : `"stream_param":${JSON.stringify('k=&'.repeat(Math.floor(room / 3)))}`;
      return `${head},${fill}}`;
    })
    .filter((text) => Buffer.byteLength(text) <= MAX_BODY_BYTES);
}

describe.each(KINDS.map((kind) => [kind.name, kind] as const))('%s', (_name, kind) => {
  it('stores and publishes, or refuses with a 400, every mutation of its documented example', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutatedBody(kind), (body) => {
        // An InvalidCallbackError is the sender's 400; outcomeOf rethrows anything else.
        const outcome = outcomeOf(kind, body);
        if ('refused' in outcome) return;
        accepted++;
        expectStorableAndPublishable(kind, body, outcome.fields);
      }),
      { numRuns: 150 },
    );
    // Worth something only if many mutated bodies were still accepted.
    expect(accepted).toBeGreaterThan(30);
  });

  it('fits every body up to 64 KiB that it accepts into one EventBridge event', () => {
    let accepted = 0;
    fc.assert(
      fc.property(largeBodyText(kind), (text) => {
        const body = decodeCallbackBody(text);
        const outcome = outcomeOf(kind, body);
        if ('refused' in outcome) return;
        accepted++;
        expectStorableAndPublishable(kind, body, outcome.fields);
      }),
      { numRuns: 25 },
    );
    expect(accepted).toBeGreaterThan(15);
  });
});
