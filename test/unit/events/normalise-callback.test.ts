import * as v from 'valibot';
import { InvalidCallbackError } from '../../../lib/errors';
import { blankable, keyText, numeric, text, unixMilliseconds } from '../../../lib/events/fields';
import {
  knownFieldNames,
  normaliseCallback,
  parseJsonText,
  type CallbackShape,
} from '../../../lib/events/normalise-callback';
import { recordingKind } from '../../../lib/events/kinds/recording';
import { RESERVED_NAMES } from '../../../lib/record/bookkeeping';
import { REDACTED } from '../../../lib/privacy/redaction';
import { recordingBody } from '../../support/fixtures';
import { errorThrownBy } from '../../support/thrown';

const Fields = v.object({
  stream_id: keyText,
  when: v.optional(unixMilliseconds),
  size: blankable(numeric),
  stream_param: v.optional(text),
});

const SHAPE: CallbackShape<typeof Fields> = {
  schema: Fields,
  derive: (known) => ({ derived: known.stream_id.length }),
  reserved: new Set([...RESERVED_NAMES, 'derived']),
  jsonText: ['ext'],
  keyFields: ['stream_id'],
};

function rejection(run: () => unknown): InvalidCallbackError {
  return errorThrownBy(run, 'expected a rejection');
}

describe('normaliseCallback', () => {
  it('knows the schema’s fields, event_type, sign, t and the JSON texts', () => {
    expect([...knownFieldNames(SHAPE)].sort()).toEqual(
      ['event_type', 'ext', 'sign', 'size', 'stream_id', 'stream_param', 't', 'when'].sort(),
    );
  });

  it('applies the shared rules to any shape', () => {
    const record = normaliseCallback(
      {
        event_type: '7',
        stream_id: 'room',
        size: '12',
        stream_param: 'txSecret=abc&txTime=1',
        ext: '{"a":1}',
        derived: 'theirs',
        extra: { token: 'abc' },
        sign: 'x',
        t: 1,
      },
      SHAPE,
    );

    expect(record).toEqual({
      event_type: 7,
      stream_id: 'room',
      size: 12,
      derived: 4,
      stream_param: { txSecret: REDACTED, txTime: '1' },
      ext: { a: 1 },
      tencent_derived: 'theirs',
      extra: { token: REDACTED },
    });
  });

  it('treats "" as absent in a blankable field, and anything else not numeric as wrong', () => {
    expect(normaliseCallback({ event_type: 1, stream_id: 's', size: '' }, SHAPE)).toEqual({
      event_type: 1,
      stream_id: 's',
      derived: 1,
    });
    expect(
      rejection(() => normaliseCallback({ event_type: 1, stream_id: 's', size: 'big' }, SHAPE))
        .message,
    ).toBe('size must be a number or a numeric string');
  });

  it('bounds a time in milliseconds like a time in seconds', () => {
    const error = rejection(() =>
      normaliseCallback({ event_type: 1, stream_id: 's', when: 1e15 }, SHAPE),
    );

    expect(error.message).toBe('when must be a Unix time in milliseconds');
  });

  // `key=&key=` grows by 10 bytes per pair once redacted: a key that fitted as sent would make
  // every write fail (a 5xx retried for ever) instead of being the sender's 400.
  it.each([
    [
      'an events kind',
      () => normaliseCallback({ event_type: 1, stream_id: 'key=a&'.repeat(150) }, SHAPE),
    ],
    [
      'a recording',
      () => recordingKind.normalise(recordingBody({ stream_id: 'key=a&'.repeat(150) })),
    ],
  ])('refuses a key that outgrows 1024 bytes once redacted: %s', (_case, run) => {
    const error = rejection(run);

    expect(error).toBeInstanceOf(InvalidCallbackError);
    expect(error.message).toBe(
      'stream_id must be at most 1024 bytes once its secrets are redacted',
    );
  });
});

describe('parseJsonText', () => {
  it.each<[string, unknown, unknown]>([
    ['a JSON object', '{"a":[1]}', { a: [1] }],
    ['a JSON array (kept as text)', '[1]', '[1]'],
    ['malformed JSON', '{', '{'],
    ['an object sent as an object', { a: 1 }, { a: 1 }],
    ['a value that cannot be stored', { big: 1e300 }, '{"big":1e+300}'],
  ])('reads %s', (_case, value, expected) => {
    expect(parseJsonText(value)).toEqual(expected);
  });
});
