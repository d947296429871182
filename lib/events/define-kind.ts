import type * as v from 'valibot';
import type { JsonMap, JsonObject } from '../json/json';
import { RESERVED_NAMES } from '../record/bookkeeping';
import { EVENT_KEY, eventId } from './event-key';
import { isoTime, isoTimeOfMilliseconds } from './fields';
import type { EventKind, Projection } from './kind';
import {
  knownFieldNames,
  normaliseCallback,
  type CallbackShape,
  type FieldsSchema,
} from './normalise-callback';

/** How a documented Unix time is counted. */
export type TimeUnit = 'seconds' | 'milliseconds';

/**
 * One kind of callback kept in the events table, as its file in `./kinds/` declares it: Tencent's
 * documented fields and what identifies one event. Everything the kinds share (the normaliser's
 * rules, ISO copies, reserved names, the key's attributes, the id) is {@link defineEventsKind}'s.
 */
export interface EventsKindSpec<S extends FieldsSchema> {
  /** `screenshot`, ...: for logs and metrics, and the name of its fixture and schema files. */
  readonly name: string;
  readonly eventTypes: readonly number[];
  readonly detailType: string;
  readonly highVolume?: boolean;
  /**
   * Tencent's documented fields that are validated and normalised; required only where the key or
   * the kind's meaning needs them (Tencent's senders drift). Built on the first callback of the
   * kind, so a kind costs nothing at a cold start that never sees one.
   */
  readonly fields: () => S;
  /** Documented Unix times: each gets an ISO-8601 copy, `<name>_iso`. */
  readonly times?: Readonly<Record<string, TimeUnit>>;
  /** Other fields derived from the documented ones (`stream_id` from camelCase `streamId`). */
  readonly derived?: {
    readonly names: readonly string[];
    readonly derive: (known: v.InferOutput<S>, body: JsonObject) => JsonMap;
  };
  /** Fields holding JSON as a string: a map when the JSON is an object (default: `callback_ext`). */
  readonly jsonText?: readonly string[];
  /** Documented download URLs whose query (a download signature) is kept as sent. */
  readonly keepQueryOf?: readonly string[];
  /**
   * Documented fields of unbounded size (arrays, objects): a too-large event leaves them out
   * first, with `stream_param` and `callback_ext`. The others are kept (see `../outbox/event.ts`).
   */
  readonly unbounded?: readonly string[];
  /** The sort key, from the normalised record: `<prefix>#<part>...` (see `./event-key.ts`). */
  readonly eventKey: (fields: JsonMap) => string;
  /** The item this callback fills in beside its own record (a push session). */
  readonly project?: (fields: JsonMap) => Projection | undefined;
}

/** Left out first from a too-large event, in every kind. */
const BULKY_IN_EVERY_KIND = ['stream_param', 'callback_ext'];

/** The `EventKind` of a kind kept in the events table (`stream_id`, `event_key`). */
export function defineEventsKind<S extends FieldsSchema>(spec: EventsKindSpec<S>): EventKind {
  const times = Object.entries(spec.times ?? {});
  const derivedNames = [...times.map(([name]) => `${name}_iso`), ...(spec.derived?.names ?? [])];

  const shape = once((): CallbackShape<S> => ({
    schema: spec.fields(),
    derive: (known, body) => {
      const derived: JsonMap = {};
      const values = known as Record<string, unknown>;
      for (const [name, unit] of times) {
        const value = values[name];
        // The schema bounds every documented time, so its ISO copy exists.
        if (typeof value !== 'number') continue;
        derived[`${name}_iso`] = unit === 'seconds' ? isoTime(value) : isoTimeOfMilliseconds(value);
      }
      return { ...derived, ...spec.derived?.derive(known, body) };
    },
    reserved: new Set([...RESERVED_NAMES, EVENT_KEY, ...derivedNames]),
    jsonText: spec.jsonText ?? ['callback_ext'],
    keepQueryOf: spec.keepQueryOf ?? [],
    keyFields: ['stream_id'],
  }));

  const kept = once(() => {
    const bulky = new Set([...BULKY_IN_EVERY_KIND, ...(spec.unbounded ?? []), 'sign', 't']);
    return new Set(
      [...knownFieldNames(shape()), ...derivedNames].filter((name) => !bulky.has(name)),
    );
  });

  return {
    name: spec.name,
    eventTypes: spec.eventTypes,
    detailType: spec.detailType,
    table: 'events',
    ...(spec.highVolume && { highVolume: true }),
    normalise: (body) => normaliseCallback(body, shape()),
    identify: (fields) => {
      // The normaliser made stream_id a non-empty string of at most 1024 bytes.
      const key = { stream_id: fields.stream_id as string, event_key: spec.eventKey(fields) };
      return { key, id: eventId(key), detailType: spec.detailType };
    },
    get keptWhenTruncated() {
      return kept();
    },
    ...(spec.project && { project: spec.project }),
  };
}

function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
