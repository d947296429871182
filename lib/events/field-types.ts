import type * as v from 'valibot';
import type { ExactNumber } from '../json/exact-number';
import type { JsonValue, PlainJson } from '../json/json';

/*
 * The types of a kind's record and of its event's detail, read from the kind's declaration (see
 * `./define-kind.ts`): each documented field's type is what its schema outputs, so the types are
 * never written by hand. Mapped over the declaration's own properties, they keep each field's
 * TSDoc, which an editor shows a subscriber.
 */

/** How a documented Unix time is counted. */
export type TimeUnit = 'seconds' | 'milliseconds';

/** The documented Unix times of fields `F`: each gets an ISO-8601 copy, `<name>_iso`. */
export type Times<F> = { readonly [K in keyof F]?: TimeUnit };

/**
 * Numbers as the service holds them (`stored`: exact beyond 2^53, an `ExactNumber`), or as a
 * subscriber's JSON parser reads them (`published`: plain numbers).
 */
export type Form = 'stored' | 'published';

type RequiredNames<F> = {
  [K in keyof F]-?: F[K] extends { readonly type: 'optional' } ? never : K;
}[keyof F];

type Json<W extends Form> = W extends 'published' ? PlainJson : JsonValue;

/** `stream_param` is parsed into a map by name, in every kind (see `./normalise-callback.ts`). */
type Value<K, S, W extends Form> = K extends 'stream_param'
  ? Record<string, string>
  : S extends v.GenericSchema
    ? unknown extends v.InferOutput<S>
      ? Json<W>
      : W extends 'published'
        ? Published<Exclude<v.InferOutput<S>, undefined>>
        : Exclude<v.InferOutput<S>, undefined>
    : never;

type Published<T> = T extends ExactNumber
  ? number
  : T extends readonly (infer I)[]
    ? Published<I>[]
    : T extends object
      ? { [K in keyof T]: unknown extends T[K] ? PlainJson | undefined : Published<T[K]> }
      : T;

/** Fields declared by schemas `F`: required where the schema is, each of its schema's type. */
export type FieldsOf<F, W extends Form> = {
  [K in keyof F as K extends RequiredNames<F> ? K : never]: Value<K, F[K], W>;
} & {
  [K in keyof F as K extends RequiredNames<F> ? never : K]?: Value<K, F[K], W>;
};

/** The ISO-8601 copies of the times `T` of fields `F`, present whenever their time is. */
export type IsoCopiesOf<F, T> = {
  [K in keyof T & keyof F as K extends RequiredNames<F> ? `${K & string}_iso` : never]: string;
} & {
  [K in keyof T & keyof F as K extends RequiredNames<F> ? never : `${K & string}_iso`]?: string;
};

/** A kind's record: `event_type`, its documented fields `F`, derived fields `D`, ISO copies of `T`. */
export type KindFields<F, D, T, W extends Form> = { event_type: number } & FieldsOf<F, W> &
  FieldsOf<D, W> &
  IsoCopiesOf<F, T>;
