import type { JsonMap, JsonObject } from '../json/json';
import type { ItemKey, RecordIdentity } from '../record/record';

/**
 * Where a kind's records are kept. Recordings have their own table (one item per file, as they
 * always had); every other kind shares the events table, under `stream_id` and an `event_key`
 * that starts with the kind (`screenshot#...`), so a stream's events of one kind are one query.
 */
export type TableName = 'recordings' | 'events';

/**
 * An item that several callbacks fill in, beside their own records: a push session, which its
 * start and its end callbacks complete in whichever order they arrive. Applied on every delivery
 * (it is idempotent), so a redelivery repairs a projection a failure interrupted.
 */
export interface Projection {
  key: ItemKey;
  /** Attributes this callback sets. */
  set: JsonMap;
  /** From the item as it is after `set`: attributes to derive from both callbacks, if any. */
  derive?: (item: JsonMap) => JsonMap | undefined;
}

/** Fills in the items several callbacks share; throws `DependencyUnavailableError` on failure. */
export interface ProjectionStore {
  apply(projection: Projection, now: Date): Promise<void>;
}

/**
 * One kind of Tencent CSS callback: how it is validated and normalised, what identifies one
 * event of it, and where it is kept. The registry (`./registry.ts`) maps `event_type` to a kind;
 * each kind is one file in `./kinds/` that declares it with `defineKind` (`./define-kind.ts`),
 * plus a line there (docs/events.md, "Adding a kind").
 */
export interface EventKind {
  /** `recording`, `screenshot`, ...: for logs and metrics. */
  readonly name: string;
  /** Tencent's `event_type` values this kind handles. */
  readonly eventTypes: readonly number[];
  /** The event's `detail-type` on the bus. */
  readonly detailType: string;
  readonly table: TableName;
  /**
   * Comes every few seconds per stream (screenshots, moderation): its records expire after the
   * configured number of days (DynamoDB's time to live), its events are archived as any other.
   */
  readonly highVolume?: boolean;
  /**
   * Validates an authenticated body and returns the record that is stored and published:
   * Tencent's field names, numbers as numbers, `sign` and `t` removed. Throws an
   * `InvalidCallbackError` naming the first field that is wrong.
   */
  readonly normalise: (body: JsonObject) => JsonMap;
  /** The item key, the event's id and its detail-type, from a normalised record. */
  readonly identify: (fields: JsonMap) => RecordIdentity;
  /**
   * Fields a truncated event always keeps (see `../outbox/event.ts`): the documented, bounded
   * ones. Everything else (unknown fields, `callback_ext`, `stream_param`) may be left out.
   */
  readonly keptWhenTruncated: ReadonlySet<string>;
  /** The item this callback fills in beside its own record, if any (see {@link Projection}). */
  readonly project?: (fields: JsonMap) => Projection | undefined;
}
