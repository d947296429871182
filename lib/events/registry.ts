import type { AnyKind } from './define-kind';
import type { EventKind } from './kind';
import { audioModerationKind } from './kinds/audio-moderation';
import { callbackReceivedKind } from './kinds/callback-received';
import { imageModerationKind } from './kinds/image-moderation';
import { pushEndedKind } from './kinds/push-ended';
import { pushExceptionKind } from './kinds/push-exception';
import { pushStartedKind } from './kinds/push-started';
import { recordingKind } from './kinds/recording';
import { recordingExceptionKind } from './kinds/recording-exception';
import { recordingStatusKind } from './kinds/recording-status';
import { screenshotKind } from './kinds/screenshot';

/**
 * Every kind of callback the service stores and publishes: one line per kind. A type without a
 * kind of its own is the last one's, `Callback Received` (see {@link kindOfEventType}). Their
 * details' types (`DetailsByType`) and JSON Schemas (`./schema/`) are read from this list.
 */
export const KINDS = [
  recordingKind,
  pushStartedKind,
  pushEndedKind,
  screenshotKind,
  imageModerationKind,
  audioModerationKind,
  pushExceptionKind,
  recordingStatusKind,
  recordingExceptionKind,
  callbackReceivedKind,
] as const satisfies readonly AnyKind[];

/** Finds a kind by what a callback or an event names it by. */
export interface KindRegistry {
  /**
   * The kind that handles Tencent's `event_type`: every authenticated callback has one, so every
   * one is stored and published; a type without a kind of its own is the fallback's, forwarded
   * as sent.
   */
  readonly kindOfEventType: (eventType: number) => EventKind;
  /** The fields an event of `detailType` keeps when it is too large (see `../outbox/event.ts`). */
  readonly keptWhenTruncated: (detailType: string) => ReadonlySet<string>;
}

const NOTHING_KEPT: ReadonlySet<string> = new Set();

/** The registry of `kinds`, the types without a kind of their own going to `fallback`. */
export function kindRegistry(kinds: readonly EventKind[], fallback: EventKind): KindRegistry {
  const byEventType = new Map(kinds.flatMap((kind) => kind.eventTypes.map((type) => [type, kind])));
  const byDetailType = new Map(kinds.map((kind) => [kind.detailType, kind]));
  return {
    kindOfEventType: (eventType) => byEventType.get(eventType) ?? fallback,
    keptWhenTruncated: (detailType) =>
      byDetailType.get(detailType)?.keptWhenTruncated ?? NOTHING_KEPT,
  };
}

const REGISTRY = kindRegistry(KINDS, callbackReceivedKind);

/** {@link KindRegistry.kindOfEventType} of the service's kinds. */
export const kindOfEventType = REGISTRY.kindOfEventType;

/** {@link KindRegistry.keptWhenTruncated} of the service's kinds. */
export const keptWhenTruncated = REGISTRY.keptWhenTruncated;
