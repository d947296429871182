import { DependencyUnavailableError } from '../errors';
import { contentHash, type JsonMap } from '../json/json';
import type { RecordStore } from './record-store';
import {
  ReceivedVia,
  type Provenance,
  type RecordIdentity,
  type StoredRecord,
} from '../record/record';

/**
 * How long a writer holds the right to publish what it wrote. Longer than the callback Lambda's
 * whole time budget, so a live writer is never overtaken; short enough that a redelivery a minute
 * later (Tencent's retry interval) takes over from a writer that died between the two writes.
 */
export const PUBLISH_CLAIM_SECONDS = 30;

/** Concurrent *changed* deliveries of one record are rare; a few rounds settle any real race. */
const MAX_WRITE_ROUNDS = 5;

export const StoreOutcome = {
  created: 'created',
  replaced: 'replaced',
  duplicate: 'duplicate',
} as const;
export type StoreOutcome = (typeof StoreOutcome)[keyof typeof StoreOutcome];

export interface StoreResult {
  outcome: StoreOutcome;
  stored: StoredRecord;
  /** True when this caller holds the claim and must publish `stored` now. */
  mustPublish: boolean;
}

export function claimUntil(now: Date): string {
  return new Date(now.getTime() + PUBLISH_CLAIM_SECONDS * 1000).toISOString();
}

/**
 * Stores a delivery idempotently, using only the table's conditional writes on the natural key:
 *
 *   no item          -> write version 1, pending, claimed by us          -> we publish
 *   same content     -> published or parked: nothing to do
 *                       pending, unclaimed or claim expired -> claim it  -> we publish
 *                       pending, claimed by a live writer               -> it publishes
 *   other content    -> replace if still at the version we read (+1), claimed -> we publish
 *                       someone changed it first: read again and decide again
 */
export async function storeRecord(
  store: RecordStore,
  identity: RecordIdentity,
  fields: JsonMap,
  now: Date,
  provenance: Provenance = { via: ReceivedVia.callback, verifiable: false },
  bodyHash?: string,
): Promise<StoreResult> {
  const at = now.toISOString();
  const hash = contentHash(fields);
  const fresh = (version: number, receivedAt: string): StoredRecord => ({
    ...identity,
    fields,
    version,
    contentHash: hash,
    receivedAt,
    updatedAt: at,
    pendingSince: at,
    claimedUntil: claimUntil(now),
    ...provenanceOf(provenance, at),
    ...(bodyHash !== undefined && { bodyHash }),
  });

  for (let round = 0; round < MAX_WRITE_ROUNDS; round++) {
    const first = fresh(1, at);
    const put = await store.putNew(first);
    if (put.created) return { outcome: StoreOutcome.created, stored: first, mustPublish: true };

    const { existing } = put;
    if (existing.contentHash === hash) {
      if (existing.pendingSince === undefined) {
        return { outcome: StoreOutcome.duplicate, stored: existing, mustPublish: false };
      }
      const claimed = await store.claim(existing.key, existing.version, at, claimUntil(now));
      return { outcome: StoreOutcome.duplicate, stored: existing, mustPublish: claimed };
    }

    const replacement = fresh(existing.version + 1, existing.receivedAt);
    if (await store.replace(replacement, existing.version)) {
      return { outcome: StoreOutcome.replaced, stored: replacement, mustPublish: true };
    }
  }
  throw new DependencyUnavailableError(
    `the record kept changing under ${MAX_WRITE_ROUNDS} concurrent writes; retry later`,
  );
}

/**
 * What a new version records of where it came from: a recovered one is verified by the API call
 * that read it (Tencent's history); a delivered one, of a kind that history holds, waits for it.
 */
function provenanceOf(provenance: Provenance, at: string): Partial<StoredRecord> {
  if (provenance.via === ReceivedVia.history) {
    return { receivedVia: ReceivedVia.history, recoveredAt: at, verifiedAt: at };
  }
  return {
    receivedVia: ReceivedVia.callback,
    ...(provenance.verifiable && { unverifiedSince: at }),
  };
}
