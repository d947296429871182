import type { ProjectionStore, TableName } from '../events/kind';
import { keptWhenTruncated } from '../events/registry';
import type { Log } from '../log';
import type { EventPublisher } from '../outbox/event-publisher';
import { publishClaimed, PublishOutcome, toPublishable } from '../outbox/publish';
import type { RecordStore } from '../outbox/record-store';
import { storeRecord, type StoreOutcome } from '../outbox/store-record';
import type { ItemKey, Provenance, StoredRecord } from '../record/record';
import type { InterpretedCallback } from './interpret';

export interface IngestDeps {
  /** One store per table (see `TableName`): recordings, and every other kind's events. */
  stores: Readonly<Record<TableName, RecordStore>>;
  /** Fills in the items several callbacks share (push sessions). */
  projections: ProjectionStore;
  publisher: EventPublisher;
  log: Log;
}

export interface IngestResult {
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
  stored: StoredRecord;
}

/**
 * The one path every callback takes into the service, whether Tencent delivered it or the
 * reconciler found it in Tencent's history: stored idempotently in its kind's table, projected
 * onto the items it fills in, and published (or left pending for the republisher).
 */
export async function storeAndPublish(
  deps: IngestDeps,
  { kind, fields, identity, bodyHash }: InterpretedCallback,
  provenance: Provenance,
  now: () => Date,
): Promise<IngestResult> {
  const store = deps.stores[kind.table];
  const { outcome, stored, mustPublish } = await storeRecord(
    store,
    identity,
    fields,
    now(),
    provenance,
    bodyHash,
  );
  // On every delivery, duplicates included: a redelivery completes a projection that failed.
  const projection = kind.project?.(fields);
  if (projection !== undefined) await deps.projections.apply(projection, now());

  const publishDeps = { ...deps, store, keptWhenTruncated };
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
    stored,
  };
}
