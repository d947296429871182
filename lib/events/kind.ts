import type { JsonObject } from '../callback/body';
import type { JsonMap } from '../json/json';
import type { RecordIdentity } from '../outbox/types';

/**
 * One kind of Tencent CSS callback: how it is validated and normalised, what identifies one
 * event of it, and where it is kept. The registry (`./registry.ts`) maps `event_type` to a kind;
 * adding a kind is one file that exports an `EventKind` plus a line there.
 */
export interface EventKind {
  /** `recording`, `screenshot`, ...: for logs and metrics. */
  readonly name: string;
  /** Tencent's `event_type` values this kind handles. */
  readonly eventTypes: readonly number[];
  /** The event's `detail-type` on the bus. */
  readonly detailType: string;
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
}
