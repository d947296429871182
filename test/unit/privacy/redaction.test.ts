import { ExactNumber } from '../../../lib/json/exact-number';
import fc from 'fast-check';
import { recordingKind } from '../../../lib/events/kinds/recording';
import type { JsonValue } from '../../../lib/json/json';
import { isSecretName, parseStreamParam, redactSecrets } from '../../../lib/privacy/redaction';
import { recordingBody } from '../../support/fixtures';
import {
  harmlessName,
  placed,
  placement,
  secretName,
  secretValue,
} from '../../support/secret-placements';

/*
 * Properties of the one rule as a whole. The tables beside this file (secret-names, stream-param,
 * redact-text, redact-secrets) pin each decision; these check that no placement was forgotten.
 */
const RUNS = 1000;

describe('the normalised record', () => {
  it(`never holds a secret placed under a secret-bearing name, wherever it is (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(secretName, secretValue, placement, (name, value, where) => {
        const record = recordingKind.normalise(recordingBody(placed(where, name, value)));

        expect(JSON.stringify(record)).not.toContain(value);
      }),
      { numRuns: RUNS },
    );
  });

  it(`keeps the same value placed under a harmless name (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(harmlessName, secretValue, placement, (name, value, where) => {
        const record = recordingKind.normalise(recordingBody(placed(where, name, value)));

        expect(JSON.stringify(record)).toContain(value);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('redactSecrets', () => {
  const anyJson = fc.jsonValue({ maxDepth: 5 }) as fc.Arbitrary<JsonValue>;
  const oddText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({
      unit: fc.constantFrom(
        '%',
        '2',
        '5',
        '3',
        'D',
        '=',
        '&',
        ';',
        '"',
        '\\',
        ':',
        'u',
        '0',
        'token',
        '{',
        '[',
      ),
      maxLength: 300,
    }),
  );

  it('never throws, and redacting twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, oddText), (value) => {
        const once = redactSecrets(value);

        expect(redactSecrets(once)).toEqual(once);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps a value with no secret-bearing name and no pair in its strings exactly as it is', () => {
    const withoutPairs = fc.jsonValue({
      maxDepth: 5,
      stringUnit: fc.string({ minLength: 1, maxLength: 1 }).filter((char) => !/[=%"\\]/.test(char)),
    }) as fc.Arbitrary<JsonValue>;

    fc.assert(
      fc.property(withoutPairs, (value) => {
        fc.pre(!keysOf(value).some(isSecretName));

        expect(redactSecrets(value)).toEqual(value);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('parseStreamParam', () => {
  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(() => parseStreamParam(text)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});

function keysOf(value: JsonValue): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object' || value instanceof ExactNumber) return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...keysOf(item)]);
}
