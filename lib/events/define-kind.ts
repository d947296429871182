import * as v from 'valibot';
import type { JsonMap, JsonObject } from '../json/json';
import { RESERVED_NAMES } from '../record/bookkeeping';
import { EVENT_KEY, eventId } from './event-key';
import { isoTime, isoTimeOfMilliseconds, jsonText, keptAsSent } from './fields';
import type { FieldsOf, KindFields, TimeUnit, Times } from './field-types';
import type { EventKind, Projection } from './kind';
import { knownFieldNames, normaliseCallback, type CallbackShape } from './normalise-callback';

/** No fields: the default of a kind without derived fields or times. */
type None = Record<never, never>;

/**
 * One kind of callback, as its file in `./kinds/` declares it: Tencent's documented fields, once,
 * and what identifies one event. The record's and the detail's types (`./detail.ts`) and the
 * detail's JSON Schema (`./schema/`) are read from this declaration; everything the kinds share
 * (the normaliser's rules, ISO copies, reserved names, the key's attributes, the id) is
 * {@link defineKind}'s.
 */
interface CommonSpec<DT extends string, F extends v.ObjectEntries, D extends v.ObjectEntries, T> {
  /** `screenshot`, ...: for logs and metrics, and the name of its fixture and test files. */
  readonly name: string;
  readonly eventTypes: readonly number[];
  readonly detailType: DT;
  readonly highVolume?: boolean;
  /**
   * Tencent's documented fields, each a schema (`./fields.ts`) and a TSDoc comment saying what it
   * means (the JSON Schema's description); required only where the key or the kind's meaning
   * needs them (Tencent's senders drift). `keptAsSent` and `jsonText` fields are documented but
   * not validated. Built on the first callback of the kind, so a kind costs nothing at a cold
   * start that never sees one.
   */
  readonly fields: () => F;
  /** Documented Unix times: each gets an ISO-8601 copy, `<name>_iso`. */
  readonly times?: T;
  /** Other fields derived from the documented ones (`stream_id` from camelCase `streamId`). */
  readonly derived?: {
    /** Their types and meanings, declared as the documented fields are (never validated). */
    readonly fields: D;
    // A method, so that any kind is an `AnyKind` whatever its fields.
    derive(
      known: v.InferOutput<v.ObjectSchema<F, undefined>>,
      body: JsonObject,
    ): FieldsOf<D, 'stored'>;
  };
  /** Documented download URLs whose query (a download signature) is kept as sent. */
  readonly keepQueryOf?: readonly string[];
  /**
   * Documented fields of unbounded size (arrays, objects): a too-large event leaves them out
   * first, with `stream_param` and the JSON texts. The others are kept (see `../outbox/event.ts`).
   */
  readonly unbounded?: readonly string[];
  /** The item this callback fills in beside its own record (a push session). */
  readonly project?: (fields: JsonMap) => Projection | undefined;
}

/** Where a kind's records are kept, and what identifies one. */
type StorageSpec =
  | {
      readonly table?: 'events';
      /** The sort key, from the normalised record: `<prefix>#<part>...` (see `./event-key.ts`). */
      readonly eventKey: (fields: JsonMap) => string;
    }
  | {
      /** One item per file, under `stream_id` and the documented field that names the file. */
      readonly table: 'recordings';
      readonly sortKey: string;
    };

export type KindSpec<
  DT extends string = string,
  F extends v.ObjectEntries = v.ObjectEntries,
  D extends v.ObjectEntries = v.ObjectEntries,
  T extends Times<F> = Times<F>,
> = CommonSpec<DT, F, D, T> & StorageSpec;

/** A kind made by {@link defineKind}: an `EventKind` that keeps its declaration. */
export interface AnyKind extends EventKind {
  /** The kind as its file declares it: what its types and JSON Schema are read from. */
  readonly definition: KindSpec;
}

/** A kind made by {@link defineKind}, with the types of its declaration. */
export interface DefinedKind<
  DT extends string = string,
  F extends v.ObjectEntries = v.ObjectEntries,
  D extends v.ObjectEntries = v.ObjectEntries,
  T extends Times<F> = Times<F>,
> extends AnyKind {
  readonly detailType: DT;
  readonly definition: KindSpec<DT, F, D, T>;
  readonly normalise: (body: JsonObject) => KindFields<F, D, T, 'stored'> & JsonMap;
}

/** Left out first from a too-large event, in every kind, with the kind's JSON texts. */
const BULKY_IN_EVERY_KIND = ['stream_param', 'sign', 't'];

/** The `EventKind` of a kind declared by `spec`. */
export function defineKind<
  const DT extends string,
  F extends v.ObjectEntries,
  D extends v.ObjectEntries = None,
  T extends Times<F> = None,
>(spec: KindSpec<DT, F, D, T>): DefinedKind<DT, F, D, T> {
  const times = Object.entries(spec.times ?? {}) as [string, TimeUnit][];
  const derivedNames = [
    ...times.map(([name]) => `${name}_iso`),
    ...Object.keys(spec.derived?.fields ?? {}),
  ];
  const recordings = spec.table === 'recordings';
  const sortKey = spec.table === 'recordings' ? spec.sortKey : EVENT_KEY;

  const shape = once(() => {
    const entries = Object.entries(spec.fields());
    const validated = entries.filter(([, schema]) => schema !== keptAsSent && schema !== jsonText);
    return {
      schema: v.object(Object.fromEntries(validated)),
      derive: (known, body) => {
        const derived: JsonMap = {};
        const values = known as Record<string, unknown>;
        for (const [name, unit] of times) {
          const value = values[name];
          // The schema bounds every documented time, so its ISO copy exists.
          if (typeof value !== 'number') continue;
          derived[`${name}_iso`] =
            unit === 'seconds' ? isoTime(value) : isoTimeOfMilliseconds(value);
        }
        const more = spec.derived?.derive(known as never, body) as JsonMap | undefined;
        return { ...derived, ...more };
      },
      // The recordings table has no event_key: a field Tencent sends under that name stays so.
      reserved: new Set([...RESERVED_NAMES, ...(recordings ? [] : [EVENT_KEY]), ...derivedNames]),
      jsonText: entries.filter(([, schema]) => schema === jsonText).map(([name]) => name),
      keepQueryOf: spec.keepQueryOf ?? [],
      keyFields: recordings ? ['stream_id', sortKey] : ['stream_id'],
    } satisfies CallbackShape<v.ObjectSchema<v.ObjectEntries, undefined>>;
  });

  const kept = once(() => {
    const { jsonText: texts } = shape();
    const bulky = new Set([...BULKY_IN_EVERY_KIND, ...texts, ...(spec.unbounded ?? [])]);
    return new Set(
      [...knownFieldNames(shape()), ...derivedNames].filter((name) => !bulky.has(name)),
    );
  });

  const keyOf =
    spec.table === 'recordings'
      ? (fields: JsonMap) => fields[sortKey] as string
      : (fields: JsonMap) => spec.eventKey(fields);

  return {
    name: spec.name,
    eventTypes: spec.eventTypes,
    detailType: spec.detailType,
    table: recordings ? 'recordings' : 'events',
    ...(spec.highVolume && { highVolume: true }),
    definition: spec,
    normalise: (body) =>
      normaliseCallback(body, shape()) as KindFields<F, D, T, 'stored'> & JsonMap,
    identify: (fields) => {
      // The normaliser made stream_id (and a recording's file id) non-empty strings of at most
      // 1024 bytes.
      const streamId = fields.stream_id as string;
      const sortValue = keyOf(fields);
      const key = { stream_id: streamId, [sortKey]: sortValue };
      return { key, id: eventId(streamId, sortValue), detailType: spec.detailType };
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
