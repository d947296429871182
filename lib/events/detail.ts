import type * as v from 'valibot';
import type { JsonMap, PlainJson } from '../json/json';
import type { DefinedKind } from './define-kind';
import type { ServiceEvent } from './define-service-event';
import type { FieldsOf, KindFields } from './field-types';

/**
 * Present on every event: `id` and `version` name one event. The same record may be announced
 * more than once (a changed redelivery bumps `version`; a crash between publishing and recording
 * that it was published repeats one): consumers deduplicate on `id` + `version`.
 *
 * An event that would be larger than EventBridge's 256 KB entry limit is published without its
 * bulkiest optional fields (unknown fields, `callback_ext`, `stream_param`): `truncated` is then
 * `true` and `truncated_fields` names what was left out. The table holds the whole record.
 */
export interface EventIdentity {
  id: string;
  version: number;
  truncated?: true;
  truncated_fields?: string[];
}

/** Fields Tencent sent that this version does not know, kept as sent (secrets redacted). */
export interface UnknownDetailFields {
  [unknownField: string]: PlainJson | undefined;
}

/**
 * The `detail` of an event whose record has the fields `F`: those, any field Tencent adds, and
 * `id` + `version`. Numbers beyond 2^53 are written with all their digits (JavaScript's
 * `JSON.parse` rounds them; parse with a lossless parser where they matter).
 */
export type EventDetail<F> = F & UnknownDetailFields & EventIdentity;

/**
 * The `detail` of an event of kind `K`, read from its declaration: `event_type`, its documented
 * and derived fields, the ISO copies of its times, any field Tencent adds, `id` and `version`.
 * Of a service event (`./define-service-event.ts`): the fields it declares, `id` and `version`
 * among them.
 *
 * @example
 * type Detail = DetailOf<typeof screenshotKind>; // what `ScreenshotCreatedDetail` is
 */
export type DetailOf<K> =
  K extends DefinedKind<string, infer F, infer D, infer T>
    ? EventDetail<KindFields<F, D, T, 'published'>>
    : K extends ServiceEvent<string, infer F>
      ? FieldsOf<F, 'published'>
      : never;

/** A normalised record of kind `K`, as stored: numbers beyond 2^53 exact (`ExactNumber`). */
export type RecordOf<K> =
  K extends DefinedKind<string, infer F, infer D, infer T>
    ? KindFields<F, D, T, 'stored'> & JsonMap
    : never;

/**
 * A callback Tencent sends that kind `K` accepts, as its declaration reads it: `event_type`, and
 * each documented field as its schema takes it (a number or a numeric string, ...). A body may
 * hold more fields than that: they are kept as sent.
 */
export type CallbackOf<K> = K extends { readonly definition: { readonly fields: () => infer F } }
  ? F extends v.ObjectEntries
    ? { event_type: number | string } & v.InferInput<v.ObjectSchema<F, undefined>>
    : never
  : never;
