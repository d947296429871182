import { readEventType } from '../events/fields';
import { HISTORY_EVENT_TYPES } from '../events/history';
import type { ProjectionStore, TableName } from '../events/kind';
import { keptWhenTruncated, kindOfEventType } from '../events/registry';
import type { Log } from '../log';
import type { EventPublisher } from '../outbox/event-publisher';
import { publishClaimed, PublishOutcome, toPublishable } from '../outbox/publish';
import type { RecordStore } from '../outbox/record-store';
import { storeRecord, type StoreOutcome } from '../outbox/store-record';
import { ReceivedVia, type ItemKey } from '../outbox/types';
import { decodeCallbackBody } from './body';
import type { CallbackKeyProvider } from './keys';
import { verifySignature } from './signature';

export interface CallbackServiceDeps {
  keys: CallbackKeyProvider;
  /** One store per table (see `TableName`): recordings, and every other kind's events. */
  stores: Readonly<Record<TableName, RecordStore>>;
  /** Fills in the items several callbacks share (push sessions). */
  projections: ProjectionStore;
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
  const publishDeps = { ...deps, store: deps.stores.recordings, keptWhenTruncated };

  return async function handleCallback(raw: RawCallback): Promise<CallbackResult> {
    const body = decodeCallbackBody(raw.body, raw.isBase64Encoded);
    verifySignature(body, await deps.keys.keys(), {
      now: now().getTime() / 1000,
      clockSkewSeconds: deps.clockSkewSeconds,
      maxLookaheadSeconds: deps.maxLookaheadSeconds,
    });

    const eventType = readEventType(body);
    const kind = kindOfEventType(eventType);
    if (kind === undefined) return { outcome: 'ignored', eventType };

    const fields = kind.normalise(body);
    const identity = kind.identify(fields);
    deps.log.appendKeys({ ...identity.key });
    deps.publisher.prepare?.();
    const store = deps.stores[kind.table];
    const { outcome, stored, mustPublish } = await storeRecord(store, identity, fields, now(), {
      via: ReceivedVia.callback,
      verifiable: HISTORY_EVENT_TYPES.has(eventType),
    });
    // On every delivery, duplicates included: a redelivery completes a projection that failed.
    const projection = kind.project?.(fields);
    if (projection !== undefined) await deps.projections.apply(projection, now());
    const [publishOutcome] = mustPublish
      ? await publishClaimed({ ...publishDeps, store }, [toPublishable(publishDeps, stored)], now)
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
