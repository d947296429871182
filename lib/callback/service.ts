import { decodeCallbackBody } from './body';
import type { CallbackKeyProvider } from './keys';
import type { Log } from '../log';
import { normaliseRecording, readEventType } from '../events/recording/normalise';
import { publishClaimed } from '../outbox/publish';
import { RECORDING_EVENT_TYPE, type RecordingKey } from '../events/recording/types';
import type { EventPublisher } from '../events/recording/event';
import type { RecordingStore } from '../outbox/record-store';
import { verifySignature } from './signature';
import { storeRecording, type StoreOutcome } from '../outbox/store-record';

export interface CallbackServiceDeps {
  keys: CallbackKeyProvider;
  store: RecordingStore;
  publisher: EventPublisher;
  log: Log;
  clockSkewSeconds?: number;
  maxLookaheadSeconds?: number;
  now?: () => Date;
}

export interface RawCallback {
  body: string | undefined | null;
  isBase64Encoded?: boolean;
}

export type CallbackResult =
  | { outcome: 'ignored'; eventType: number }
  | {
      outcome: StoreOutcome;
      key: RecordingKey;
      version: number;
      /** Whether the event of this version is on the bus (false: pending, published later). */
      published: boolean;
      /** This delivery tried to publish and the bus refused: the record waits for the republisher. */
      publishFailed: boolean;
    };

/**
 * Handles one delivery of a Tencent CSS callback, in the order that gives an unauthenticated
 * sender nothing: size and JSON, then signature and time, then the payload's shape. Throws the
 * errors of `./errors` for every answer other than "accepted".
 */
export type CallbackService = (raw: RawCallback) => Promise<CallbackResult>;

export function createCallbackService(deps: CallbackServiceDeps): CallbackService {
  const now = deps.now ?? (() => new Date());

  return async function handleCallback(raw: RawCallback): Promise<CallbackResult> {
    const body = decodeCallbackBody(raw.body, raw.isBase64Encoded);
    verifySignature(body, await deps.keys.keys(), {
      now: now().getTime() / 1000,
      clockSkewSeconds: deps.clockSkewSeconds,
      maxLookaheadSeconds: deps.maxLookaheadSeconds,
    });

    const eventType = readEventType(body);
    if (eventType !== RECORDING_EVENT_TYPE) return { outcome: 'ignored', eventType };

    const recording = normaliseRecording(body);
    const key = { stream_id: recording.stream_id, file_id: recording.file_id };
    deps.log.appendKeys(key);
    deps.publisher.prepare?.();
    const { outcome, stored, mustPublish } = await storeRecording(deps.store, recording, now());
    const published = mustPublish
      ? await publishClaimed(deps, stored, now)
      : stored.publishedAt !== undefined;
    return {
      outcome,
      key,
      version: stored.version,
      published,
      publishFailed: mustPublish && !published,
    };
  };
}
