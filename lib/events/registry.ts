import type { EventKind } from './kind';
import { audioModerationKind } from './kinds/audio-moderation';
import { callbackReceivedKind } from './kinds/callback-received';
import { imageModerationKind } from './kinds/image-moderation';
import { pushEndedKind } from './kinds/push-ended';
import { pushExceptionKind } from './kinds/push-exception';
import { pushStartedKind } from './kinds/push-started';
import { recordingExceptionKind } from './kinds/recording-exception';
import { recordingStatusKind } from './kinds/recording-status';
import { screenshotKind } from './kinds/screenshot';
import { recordingKind } from './recording/kind';

/**
 * Every kind of callback the service stores and publishes: one line per kind. A type without a
 * kind of its own is the last one's, `Callback Received` (see {@link kindOfEventType}).
 */
export const KINDS: readonly EventKind[] = [
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
];

const BY_EVENT_TYPE = new Map(KINDS.flatMap((kind) => kind.eventTypes.map((type) => [type, kind])));
const BY_DETAIL_TYPE = new Map(KINDS.map((kind) => [kind.detailType, kind]));

/**
 * The kind that handles Tencent's `event_type`: every authenticated callback has one, so every
 * one is stored and published; a type without a kind of its own is forwarded as sent.
 */
export function kindOfEventType(eventType: number): EventKind {
  return BY_EVENT_TYPE.get(eventType) ?? callbackReceivedKind;
}

const NOTHING_KEPT: ReadonlySet<string> = new Set();

/** The fields an event of `detailType` keeps when it is too large (see `../outbox/event.ts`). */
export function keptWhenTruncated(detailType: string): ReadonlySet<string> {
  return BY_DETAIL_TYPE.get(detailType)?.keptWhenTruncated ?? NOTHING_KEPT;
}
