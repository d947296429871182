import type { ItemKey, PublishFailure, StoredRecord } from '../record/record';

export type PutNewResult = { created: true } | { created: false; existing: StoredRecord };

/**
 * A table of records, reduced to the conditional writes the service's guarantees rest on.
 * Every write is conditional on the item's state, so concurrent deliveries and republishers can
 * race freely: exactly one wins each step. Implementations turn their failures into
 * `DependencyUnavailableError`.
 */
export interface RecordStore {
  /** Writes the first version of a record; if one exists already, returns it unchanged. */
  putNew(stored: StoredRecord): Promise<PutNewResult>;
  /** Replaces the item if it is still at `expectedVersion`; false if someone changed it first. */
  replace(stored: StoredRecord, expectedVersion: number): Promise<boolean>;
  /**
   * Takes the right to publish `version` until `claimUntil`, if it is still pending and no one
   * else holds a claim that ends after `now` (a version's writer holds one from its `updatedAt`,
   * for `PUBLISH_CLAIM_SECONDS`). True when this caller now holds it.
   */
  claim(key: ItemKey, version: number, now: string, claimUntil: string): Promise<boolean>;
  /** Records that `version` is on the bus; false if the item has moved on to another version. */
  markPublished(key: ItemKey, version: number, now: string): Promise<boolean>;
  /** Ends a claim at `now` after a failed publish, so the next redelivery or run may try at once. */
  releaseClaim(key: ItemKey, version: number, now: string): Promise<void>;
  /**
   * Records that the bus refused `version` (and gives up the claim): its attempt count, last
   * error and next attempt, or, with `failure.parked`, takes it out of the pending index.
   * False if the item has moved on to another version.
   */
  recordFailure(key: ItemKey, version: number, failure: PublishFailure): Promise<boolean>;
  /**
   * Puts a parked record back in line (pending since `now`, attempts reset); false if it is not
   * parked.
   */
  unpark(key: ItemKey, now: string): Promise<boolean>;
  get(key: ItemKey): Promise<StoredRecord | undefined>;
  /**
   * Records that Tencent's history confirmed: `verifiedAt` set and no longer waiting, if the item
   * still holds exactly the content `contentHash` names. False otherwise (it changed meanwhile).
   */
  markVerified(key: ItemKey, contentHash: string, now: string): Promise<boolean>;
}

/**
 * What a table's indexes list: the records the republisher, the reconciler and a person look
 * for. Not the callback's: it only stores, claims and publishes (see `RecordStore`).
 */
export interface RecordListing {
  /**
   * Pending records whose `pendingSince` is before `before` and whose backoff is over at `now`,
   * oldest first, at most `limit`.
   */
  listPending(before: string, now: string, limit: number): Promise<StoredRecord[]>;
  /** Parked records, oldest parked first, at most `limit`. */
  listParked(limit: number): Promise<StoredRecord[]>;
  /**
   * Records waiting for Tencent's history since before `before`, oldest first, at most `limit`.
   * A version waits from the moment it is written: its `unverifiedSince` is its `updatedAt`.
   */
  listUnverified(before: string, limit: number): Promise<StoredRecord[]>;
}

/** A table that stores and lists: what the republisher and the reconciler work on. */
export type RecordTable = RecordStore & RecordListing;
