import type { EventKind } from './kind';
import { recordingKind } from './recording/kind';

/** Every kind of callback the service stores and publishes: one line per kind. */
const KINDS: readonly EventKind[] = [recordingKind];

const BY_EVENT_TYPE = new Map(KINDS.flatMap((kind) => kind.eventTypes.map((type) => [type, kind])));
const BY_DETAIL_TYPE = new Map(KINDS.map((kind) => [kind.detailType, kind]));

/** The kind that handles Tencent's `event_type`, if the service stores it. */
export function kindOfEventType(eventType: number): EventKind | undefined {
  return BY_EVENT_TYPE.get(eventType);
}

const NOTHING_KEPT: ReadonlySet<string> = new Set();

/** The fields an event of `detailType` keeps when it is too large (see `../outbox/event.ts`). */
export function keptWhenTruncated(detailType: string): ReadonlySet<string> {
  return BY_DETAIL_TYPE.get(detailType)?.keptWhenTruncated ?? NOTHING_KEPT;
}
