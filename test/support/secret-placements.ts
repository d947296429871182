import fc from 'fast-check';
import type { JsonValue, JsonObject } from '../../lib/json/json';
import { isSecretName } from '../../lib/privacy/redaction';

/*
 * Generators for the redaction properties: a value placed under a name somewhere in a recording
 * callback, so that a test can build the same callback twice, once with a secret-bearing name and
 * once with a harmless one, and check that the value is gone from the first and kept in the second.
 */

/** Random enough to be found nowhere else in a record; letters and digits survive any encoding. */
export const secretValue = fc.stringMatching(/^[A-Za-z0-9]{16,32}$/);

/** How a name's words are written. */
const STYLES = ['snake', 'kebab', 'camel', 'pascal', 'dotted', 'upperSnake'] as const;
type Style = (typeof STYLES)[number];

function writeName(words: readonly string[], style: Style): string {
  const capitalised = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  switch (style) {
    case 'snake':
      return words.join('_');
    case 'kebab':
      return words.join('-');
    case 'camel':
      return [words[0] ?? '', ...capitalised.slice(1)].join('');
    case 'pascal':
      return capitalised.join('');
    case 'dotted':
      return words.join('.');
    case 'upperSnake':
      return words.join('_').toUpperCase();
  }
}

const SECRET_WORDS = [
  'secret',
  'secrets',
  'token',
  'tokens',
  'sign',
  'signature',
  'sig',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'key',
  'keys',
  'credential',
  'credentials',
  'auth',
  'authorization',
];
/** Secret names written as one word, used as they are. */
const SECRET_COMPOUNDS = ['txsecret', 'txSecret', 'apikey', 'accesstoken', 'usersig', 'streamkey'];
const PREFIX_WORDS = ['push', 'tx', 'client', 'access', 'api', 'x', 'amz', 'live', 'user', 'my'];
const SUFFIX_WORDS = ['id', 'value', 'data', 'hash', 'v2'];
const HARMLESS_WORDS = [
  'record',
  'interval',
  'keyframe',
  'design',
  'monkey',
  'signal',
  'author',
  'tokenizer',
  'secretary',
  'bizid',
  'tx',
  'time',
  'from',
  'host',
  'codec',
  'resolution',
  'note',
  'title',
  'frame',
  'hotkey',
];

/** A name with a secret word among its words: `txSecret`, `PUSH_KEY_ID`, `x-amz-signature`. */
export const secretName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SECRET_COMPOUNDS),
  fc
    .tuple(
      fc.array(fc.constantFrom(...PREFIX_WORDS), { maxLength: 2 }),
      fc.constantFrom(...SECRET_WORDS),
      fc.array(fc.constantFrom(...SUFFIX_WORDS), { maxLength: 1 }),
      fc.constantFrom(...STYLES),
    )
    .map(([prefix, word, suffix, style]) => writeName([...prefix, word, ...suffix], style)),
);

/** A name none of whose words is a secret word, though some contain one: `keyframe_interval`. */
export const harmlessName: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.constantFrom(...HARMLESS_WORDS), { minLength: 1, maxLength: 3 }),
    fc.constantFrom(...STYLES),
  )
  .map(([words, style]) => writeName(words, style))
  .filter((name) => !isSecretName(name));

/** Where a `name` / value pair sits inside one JSON value. */
type Carrier =
  | { kind: 'key'; shape: 'string' | 'object' | 'array' }
  | { kind: 'url'; separator: '&' | ';'; encodings: number }
  | { kind: 'json'; escapings: number };

const carrier: fc.Arbitrary<Carrier> = fc.oneof(
  fc.record({
    kind: fc.constant('key' as const),
    shape: fc.constantFrom('string' as const, 'object' as const, 'array' as const),
  }),
  fc.record({
    kind: fc.constant('url' as const),
    separator: fc.constantFrom('&' as const, ';' as const),
    encodings: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ kind: fc.constant('json' as const), escapings: fc.integer({ min: 0, max: 2 }) }),
);

function carry(carrier: Carrier, name: string, value: string): JsonValue {
  switch (carrier.kind) {
    case 'key': {
      const held = { string: value, object: { inner: value }, array: [1, value] }[carrier.shape];
      return { [name]: held, other: 1 };
    }
    case 'url': {
      const sep = carrier.separator;
      let url = `rtmp://push.example.com/live/room?a=1${sep}${name}=${value}${sep}b=2`;
      for (let level = 0; level < carrier.encodings; level++) {
        url = `https://outer.example.com/play?next=${encodeURIComponent(url)}&c=3`;
      }
      return `pushed to ${url} at noon`;
    }
    case 'json': {
      let json = JSON.stringify({ a: 1, [name]: value, b: [true] });
      for (let level = 0; level < carrier.escapings; level++) {
        json = JSON.stringify({ ext: json });
      }
      return json;
    }
  }
}

/** Objects and arrays, outermost first, between a field and the carrier. */
type Step = { kind: 'object'; name: string } | { kind: 'array'; index: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  harmlessName.map((name) => ({ kind: 'object' as const, name })),
  fc.integer({ min: 0, max: 2 }).map((index) => ({ kind: 'array' as const, index })),
);

function wrap(path: readonly Step[], value: JsonValue): JsonValue {
  return path.reduceRight<JsonValue>((inner, at) => {
    if (at.kind === 'object') return { [at.name]: inner };
    return [...Array.from({ length: at.index }, () => 'filler'), inner];
  }, value);
}

/** How `stream_param` is written: separators, encodings, a whole push URL or a bare query. */
interface StreamParamForm {
  separator: '&' | ';';
  encodeSeparators: boolean;
  encodings: number;
  wholeUrl: boolean;
}

const streamParamForm: fc.Arbitrary<StreamParamForm> = fc.record({
  separator: fc.constantFrom('&' as const, ';' as const),
  encodeSeparators: fc.boolean(),
  encodings: fc.integer({ min: 0, max: 2 }),
  wholeUrl: fc.boolean(),
});

function streamParam(form: StreamParamForm, name: string, value: string): string {
  const sep = form.encodeSeparators ? (form.separator === '&' ? '%26' : '%3B') : form.separator;
  const equals = form.encodeSeparators ? '%3D' : '=';
  // The pair comes last: a repeated name keeps its last value.
  let query = `bizid${equals}8888${sep}txTime${equals}6553F280${sep}${name}${equals}${value}`;
  for (let level = 0; level < form.encodings; level++) query = encodeURIComponent(query);
  return form.wholeUrl ? `rtmp://push.example.com/live/room?${query}` : query;
}

/** Where, in a recording callback, the pair is placed. */
export type Placement =
  | { in: 'unknown field'; field: string; path: Step[]; carrier: Carrier }
  | { in: 'callback_ext object'; path: Step[]; carrier: Carrier }
  | { in: 'callback_ext string'; path: Step[]; carrier: Carrier }
  | { in: 'top-level field' }
  | { in: 'stream_param'; form: StreamParamForm };

const path = fc.array(step, { maxLength: 6 });

export const placement: fc.Arbitrary<Placement> = fc.oneof(
  fc.record({
    in: fc.constant('unknown field' as const),
    field: harmlessName.map((name) => `x_${name}`),
    path,
    carrier,
  }),
  fc.record({ in: fc.constant('callback_ext object' as const), path, carrier }),
  fc.record({ in: fc.constant('callback_ext string' as const), path, carrier }),
  fc.record({ in: fc.constant('top-level field' as const) }),
  fc.record({ in: fc.constant('stream_param' as const), form: streamParamForm }),
);

/** The fields to add to a recording callback to place `value` under `name` as `where` says. */
export function placed(where: Placement, name: string, value: string): JsonObject {
  switch (where.in) {
    case 'unknown field':
      return { [where.field]: wrap(where.path, carry(where.carrier, name, value)) };
    case 'callback_ext object':
      return { callback_ext: { ext: wrap(where.path, carry(where.carrier, name, value)) } };
    case 'callback_ext string':
      return { callback_ext: JSON.stringify(wrap(where.path, carry(where.carrier, name, value))) };
    case 'top-level field':
      return { [name]: value };
    case 'stream_param':
      return { stream_param: streamParam(where.form, name, value) };
  }
}
