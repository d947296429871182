import { readEventType } from '../events/fields';
import { keptWhenTruncated, kindOfEventType } from '../events/registry';
import type { Log } from '../log';
import type { EventPublisher } from '../outbox/event-publisher';
import { publishClaimed, PublishOutcome, toPublishable } from '../outbox/publish';
import type { RecordStore } from '../outbox/record-store';
import { storeRecord, type StoreOutcome } from '../outbox/store-record';
import type { ItemKey } from '../outbox/types';
import { decodeCallbackBody } from './body';
import type { CallbackKeyProvider } from './keys';
import { verifySignature } from './signature';

export interface CallbackServiceDeps {
  keys: CallbackKeyProvider;
  store: RecordStore;
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
      /** The kind of callback (`recording`), for logs and metrics. */
      kind: string;
      key: ItemKey;
      id: string;
      version: number;
      /** Whether the event of this version is on the bus (false: pending, published later). */
      published: boolean;
      /** This delivery tried to publish and the bus did not take it: the record waits. */
      publishFailed: boolean;
      /** The bus refused this event for good, or too often: parked for a person to look at. */
      parked: boolean;
    };

/**
 * Handles one delivery of a Tencent CSS callback, in the order that gives an unauthenticated
 * sender nothing: size and JSON, then signature and time, then the payload's shape. Throws the
 * errors of `../errors` for every answer other than "accepted".
 */
export type CallbackService = (raw: RawCallback) => Promise<CallbackResult>;

export function createCallbackService(deps: CallbackServiceDeps): CallbackService {
  const now = deps.now ?? (() => new Date());
  const publishDeps = { ...deps, keptWhenTruncated };

  return async function handleCallback(raw: RawCallback): Promise<CallbackResult> {
    const body = decodeCallbackBody(raw.body, raw.isBase64Encoded);
    verifySignature(body, await deps.keys.keys(), {
      now: now().getTime() / 1000,
      clockSkewSeconds: deps.clockSkewSeconds,
      maxLookaheadSeconds: deps.maxLookaheadSeconds,
    });

    const eventType = readEventType(body);
    const kind = kindOfEventType(eventType);
    // Until the events table is wired in, this service stores recordings only: every other kind
    // is acknowledged and dropped, as before.
    if (kind.table !== 'recordings') return { outcome: 'ignored', eventType };

    const fields = kind.normalise(body);
    const identity = kind.identify(fields);
    deps.log.appendKeys({ ...identity.key });
    deps.publisher.prepare?.();
    const { outcome, stored, mustPublish } = await storeRecord(deps.store, identity, fields, now());
    const [publishOutcome] = mustPublish
      ? await publishClaimed(publishDeps, [toPublishable(publishDeps, stored)], now)
      : [];
    const published = mustPublish
      ? publishOutcome === PublishOutcome.published
      : stored.publishedAt !== undefined;
    return {
      outcome,
      kind: kind.name,
      key: identity.key,
      id: identity.id,
      version: stored.version,
      published,
      publishFailed: mustPublish && !published,
      parked: publishOutcome === PublishOutcome.parked,
    };
  };
}
