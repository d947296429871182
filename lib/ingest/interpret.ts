import type { JsonObject } from '../callback/body';
import { readEventType } from '../events/fields';
import type { EventKind } from '../events/kind';
import { kindOfEventType } from '../events/registry';
import type { JsonMap } from '../json/json';
import type { RecordIdentity } from '../outbox/types';

/** A callback body understood: its kind, its normalised record, and what identifies it. */
export interface InterpretedCallback {
  eventType: number;
  kind: EventKind;
  fields: JsonMap;
  identity: RecordIdentity;
}

/**
 * Reads an authenticated callback body as the kind its `event_type` names (a type without a kind
 * of its own is `Callback Received`). Throws an `InvalidCallbackError` naming what is wrong.
 */
export function interpretCallback(body: JsonObject): InterpretedCallback {
  const eventType = readEventType(body);
  const kind = kindOfEventType(eventType);
  const fields = kind.normalise(body);
  return { eventType, kind, fields, identity: kind.identify(fields) };
}
