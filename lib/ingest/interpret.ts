import { readEventType } from '../events/fields';
import type { EventKind } from '../events/kind';
import { kindOfEventType } from '../events/registry';
import { contentHash, type JsonMap, type JsonValue, type JsonObject } from '../json/json';
import type { RecordIdentity } from '../record/record';

/** A callback body understood: its kind, its normalised record, and what identifies it. */
export interface InterpretedCallback {
  eventType: number;
  kind: EventKind;
  fields: JsonMap;
  identity: RecordIdentity;
  /**
   * A fingerprint of the body exactly as Tencent sent it, without `sign` and `t` (which each retry
   * signs afresh): what Tencent's history is compared with, whatever the normaliser makes of it.
   */
  bodyHash: string;
}

/**
 * Reads an authenticated callback body as the kind its `event_type` names (a type without a kind
 * of its own is `Callback Received`). Throws an `InvalidCallbackError` naming what is wrong.
 */
export function interpretCallback(body: JsonObject): InterpretedCallback {
  const eventType = readEventType(body);
  const kind = kindOfEventType(eventType);
  const fields = kind.normalise(body);
  return { eventType, kind, fields, identity: kind.identify(fields), bodyHash: bodyHashOf(body) };
}

export function bodyHashOf(body: JsonObject): string {
  const { sign: _sign, t: _t, ...signed } = body;
  // The body passed the normaliser, which checked every value is JSON.
  return contentHash(signed as { [key: string]: JsonValue });
}
