import * as v from 'valibot';
import { InvalidCallbackError } from '../errors';
import { parseJson, type JsonMap, type JsonValue, type JsonObject } from '../json/json';
import { isStorable, unstorableReason } from '../json/storable';
import { parseStreamParam, redactSecrets } from '../privacy/redaction';
import { describeIssue, readEventType } from './fields';

/** The valibot schema of a kind's documented fields: an object schema, so its names are known. */
export type FieldsSchema = v.ObjectSchema<
  v.ObjectEntries,
  v.ErrorMessage<v.ObjectIssue> | undefined
>;

/**
 * What one kind of callback looks like, for {@link normaliseCallback}: everything else (numbers
 * as numbers, unknown fields kept, `sign`/`t` dropped, `stream_param` parsed, storable values,
 * redaction) is the same for every kind.
 */
export interface CallbackShape<S extends FieldsSchema> {
  /** Tencent's documented fields, validated and normalised; what the schema leaves out is kept as sent. */
  readonly schema: S;
  /** Fields derived for people and for the table's key (ISO copies of times, `stream_id` from `streamId`). */
  readonly derive?: (known: v.InferOutput<S>, body: JsonObject) => JsonMap;
  /** Names an unknown field cannot take: it is kept as `tencent_<name>` instead. */
  readonly reserved: ReadonlySet<string>;
  /** Documented fields holding JSON as a string (`callback_ext`): a map when the JSON is an object. */
  readonly jsonText?: readonly string[];
  /** Top-level URLs whose query is kept as sent: a download signature, not a push secret. */
  readonly keepQueryOf?: readonly string[];
  /** Fields that become table keys: checked again once secrets are redacted (redaction can lengthen text). */
  readonly keyFields: readonly string[];
}

/** Always known: the body's type and its signature, which the record never holds. */
const ALWAYS_KNOWN = ['event_type', 'sign', 't'] as const;

const knownNamesOf = new WeakMap<FieldsSchema, ReadonlySet<string>>();

/** The names of a shape's documented fields: its schema's, `event_type`, `sign`, `t` and its JSON texts. */
export function knownFieldNames(
  shape: Pick<CallbackShape<FieldsSchema>, 'schema' | 'jsonText'>,
): ReadonlySet<string> {
  let names = knownNamesOf.get(shape.schema);
  if (names === undefined) {
    names = new Set([
      ...Object.keys(shape.schema.entries),
      ...ALWAYS_KNOWN,
      ...(shape.jsonText ?? []),
    ]);
    knownNamesOf.set(shape.schema, names);
  }
  return names;
}

/** DynamoDB's limit on a key attribute we write (a sort key; a partition key may have 2048). */
const MAX_KEY_BYTES = 1024;

/**
 * Validates an authenticated callback against its kind's shape and turns it into the record that
 * is stored and published: Tencent's field names, numbers as numbers, `sign` and `t` removed,
 * `stream_param` parsed into a map, JSON texts parsed, derived fields added, every unknown field
 * kept (renamed `tencent_<name>` when it would clash with one of ours), and every secret in it
 * redacted. Throws an {@link InvalidCallbackError} naming the first field that is wrong.
 */
export function normaliseCallback<S extends FieldsSchema>(
  body: JsonObject,
  shape: CallbackShape<S>,
): JsonMap {
  const result = v.safeParse(shape.schema, body);
  if (!result.success) throw new InvalidCallbackError(describeIssue(result.issues));
  const known = result.output;
  const { stream_param: streamParam, ...fields } = dropUndefined(known as Record<string, unknown>);
  const derived = shape.derive?.(known, body) ?? {};

  const record: JsonMap = {
    event_type: readEventType(body),
    ...(fields as JsonMap),
    ...derived,
  };
  if (typeof streamParam === 'string') record.stream_param = parseStreamParam(streamParam);
  for (const name of shape.jsonText ?? []) {
    if (body[name] !== undefined) record[name] = parseJsonText(body[name]);
  }
  // Spread, not Object.assign: a field named __proto__ must stay an ordinary field.
  const complete: JsonMap = {
    ...record,
    ...unknownFields(body, knownFieldNames(shape), shape.reserved, derived),
  };
  for (const [name, value] of Object.entries(complete)) {
    const reason = unstorableReason(value);
    if (reason) throw new InvalidCallbackError(`${name} ${reason}`);
  }
  // Once, over the whole record, before anything stores, publishes or logs it. It keeps every
  // field and its type (only secret-named values become strings).
  const redacted = redactSecrets(complete, { keepQueryOf: shape.keepQueryOf ?? [] }) as JsonMap;
  for (const name of shape.keyFields) checkKey(name, redacted[name]);
  return redacted;
}

// `key=&key=` is 9 bytes and `key=[redacted]&key=[redacted]` 29: a key that fitted as sent can
// outgrow DynamoDB's limit once redacted, and the write would fail on every retry.
function checkKey(name: string, value: JsonValue | undefined): void {
  if (typeof value === 'string' && Buffer.byteLength(value, 'utf8') > MAX_KEY_BYTES) {
    throw new InvalidCallbackError(
      `${name} must be at most ${MAX_KEY_BYTES} bytes once its secrets are redacted`,
    );
  }
}

/** JSON held in a string (`callback_ext`) is the sender's own; it never fails a callback. */
export function parseJsonText(value: unknown): JsonValue {
  if (typeof value !== 'string') return isStorable(value) ? value : JSON.stringify(value);
  try {
    const parsed: unknown = parseJson(value);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      isStorable(parsed)
    ) {
      return parsed;
    }
  } catch {
    // Not JSON: kept as sent, which is what a person debugging it wants to see.
  }
  return value.toWellFormed();
}

/**
 * Fields this version does not know are kept, so nothing Tencent adds is lost (secrets in them are
 * redacted with the rest of the record). One named like a field of ours is kept as `tencent_<name>`,
 * except a `stream_id` that is the very value the key was derived from (it would be a copy).
 */
function unknownFields(
  body: JsonObject,
  known: ReadonlySet<string>,
  reserved: ReadonlySet<string>,
  derived: JsonMap,
): Record<string, JsonValue> {
  const entries: [string, JsonValue][] = [];
  for (const [name, value] of Object.entries(body)) {
    if (known.has(name)) continue;
    if (name === 'stream_id' && derived.stream_id === value) continue;
    const reason = unstorableReason({ [name]: null });
    if (reason) throw new InvalidCallbackError(`the body ${reason}`);
    let storedName = name;
    // Prefixed until free: a body holding both `version` and `tencent_version` loses neither.
    while (reserved.has(storedName) || (storedName !== name && storedName in body)) {
      storedName = `tencent_${storedName}`;
    }
    entries.push([storedName, value as JsonValue]);
  }
  // fromEntries defines properties, so a field named __proto__ stays an ordinary field.
  return Object.fromEntries(entries);
}

export function dropUndefined<T extends object>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
