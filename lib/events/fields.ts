import type { JsonObject } from '../json/json';
import * as v from 'valibot';
import { InvalidCallbackError } from '../errors';
import { ExactNumber, toNumeric } from '../json/exact-number';

/*
 * The field shapes Tencent's callbacks share, as valibot schemas: each kind's normaliser builds
 * its own object schema from these, so "a number may come as a string" is decided once.
 */

/** Older senders sent numbers as strings (`"3600"`); both mean the same number. */
const NUMERIC_TEXT = /^-?\d{1,40}(\.\d{1,40})?$/;
const NUMERIC_MESSAGE = 'must be a number or a numeric string';

/**
 * A number kept exactly: a plain `number`, or an {@link ExactNumber} when a double would change
 * it (`file_size` of `"18446744073709551615"`, an `appid` above 2^53 sent as a JSON number).
 */
export const numeric = v.union(
  [
    v.pipe(v.number(), v.finite()),
    v.instance(ExactNumber),
    v.pipe(
      v.string(),
      v.regex(NUMERIC_TEXT),
      v.transform((text) => toNumeric(text) as number | ExactNumber),
    ),
  ],
  NUMERIC_MESSAGE,
);

/**
 * A number that is bounded (a time, a duration), so a double holds it to far better than a
 * microsecond: a plain `number`, which arithmetic on times needs.
 */
export const approximate = v.pipe(
  numeric,
  v.transform((value) => Number(value)),
);

/**
 * Year 5138: far beyond any real time, and small enough that every derived time (even
 * `end_time - duration` with an odd duration) stays a valid date.
 */
export const MAX_UNIX_SECONDS = 1e11;

export const unixTime = v.pipe(
  approximate,
  v.minValue(0, 'must be a Unix time in seconds'),
  v.maxValue(MAX_UNIX_SECONDS, 'must be a Unix time in seconds'),
);

/** An odd duration is stored as sent rather than losing the callback over it. */
export const seconds = v.pipe(
  approximate,
  v.minValue(-MAX_UNIX_SECONDS, 'must be a number of seconds of at most 1e11 either way'),
  v.maxValue(MAX_UNIX_SECONDS, 'must be a number of seconds of at most 1e11 either way'),
);

export const microseconds = v.pipe(
  approximate,
  v.minValue(0, 'must be a number of microseconds from 0 to 999999'),
  v.maxValue(999_999, 'must be a number of microseconds from 0 to 999999'),
);

export const text = v.string('must be a string');

const NON_EMPTY_MESSAGE = 'must be a non-empty string';

/** A string a kind cannot do without (a screenshot's `pic_url`), of any length. */
export const nonEmptyText = v.pipe(v.string(NON_EMPTY_MESSAGE), v.nonEmpty(NON_EMPTY_MESSAGE));

/**
 * A Unix time in milliseconds (push exceptions' `data_time`), bounded like {@link unixTime} so that
 * its ISO copy is a valid date.
 */
export const unixMilliseconds = v.pipe(
  approximate,
  v.minValue(0, 'must be a Unix time in milliseconds'),
  v.maxValue(MAX_UNIX_SECONDS * 1000, 'must be a Unix time in milliseconds'),
);

/**
 * An optional field that older senders fill with `""` when they have no value (`push_duration` of
 * a push start): `""` is the same as absent, anything else must fit `schema`.
 */
export function blankable<T extends v.GenericSchema>(schema: T) {
  return v.optional(
    v.pipe(
      v.unknown(),
      v.transform((value) => (value === '' ? undefined : value)),
      v.optional(schema),
    ),
  );
}

const KEY_MESSAGE = 'must be a non-empty string of at most 1024 bytes';

/** A string that becomes part of a table key: DynamoDB allows 1024 bytes for a sort key. */
export const keyText = v.pipe(
  v.string(KEY_MESSAGE),
  v.nonEmpty(KEY_MESSAGE),
  v.maxBytes(1024, KEY_MESSAGE),
);

// A union reports its own message: it says how to fix the one case a sender cannot see (a double
// beyond 2^53 arrives here only after something on the way rounded it).
const ID_MESSAGE =
  'must be a non-empty string of at most 1024 bytes, or a whole number (send a large id as a string)';

/**
 * An id Tencent sends as a string or as a number, stored as a string. A JSON number beyond 2^53
 * reaches the normaliser exact (see `../json/json.ts`, `parseJson`); a plain double that large
 * has already lost digits somewhere, and is refused rather than stored wrong.
 */
export const identifier = v.union(
  [
    v.pipe(v.string(), v.nonEmpty(ID_MESSAGE), v.maxBytes(1024, ID_MESSAGE)),
    v.pipe(v.number(), v.safeInteger(ID_MESSAGE), v.transform(String)),
    v.pipe(
      v.instance(ExactNumber),
      v.check((value) => /^-?\d+$/.test(value.text), ID_MESSAGE),
      v.transform((value) => value.text),
    ),
  ],
  ID_MESSAGE,
);

/**
 * A documented field kept exactly as sent, unvalidated (moderation's result arrays, a push
 * exception's `abnormal_event`): declared in its kind so that the detail's type and JSON Schema
 * describe it. It is handled as any field the kind does not know, so a too-large event may leave
 * it out.
 */
export const keptAsSent = v.optional(v.unknown());

/**
 * A documented field holding JSON in a string (`callback_ext`): a map when the JSON is an object,
 * else the string as sent. Never validated, and left out first from a too-large event.
 */
export const jsonText = v.optional(v.unknown());

/** A derived ISO-8601 time (`content_start_time_iso`): declares a derived field, never validates. */
export const isoTimeText = v.string();

/** The ISO-8601 copy of a Unix time, for people; the schemas bound every time, so it exists. */
export function isoTime(unixSeconds: number, microseconds = 0): string {
  return new Date(unixSeconds * 1000 + Math.floor(microseconds / 1000)).toISOString();
}

/** The ISO-8601 copy of a Unix time in milliseconds. */
export function isoTimeOfMilliseconds(unixMilliseconds: number): string {
  return new Date(Math.floor(unixMilliseconds)).toISOString();
}

/**
 * The first problem valibot found, as the 400 answer's message: the field's dotted path and what
 * is wrong with it (`file_size must be a number or a numeric string`).
 */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (issue === undefined) return 'body is invalid';
  const field = v.getDotPath(issue) ?? 'body';
  return `${field} ${issue.input === undefined ? 'is missing' : issue.message}`;
}

/** Reads `event_type`, as a number or a numeric string. */
export function readEventType(body: JsonObject): number {
  const result = v.safeParse(approximate, body.event_type);
  if (!result.success) {
    throw new InvalidCallbackError(
      `event_type ${body.event_type === undefined ? 'is missing' : 'must be a number'}`,
    );
  }
  return result.output;
}
