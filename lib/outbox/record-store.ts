import type { Recording, RecordingKey } from '../events/recording/types';

/** A recording with the bookkeeping the store keeps beside it. */
export interface StoredRecording {
  recording: Recording;
  /** 1 for the first content seen, +1 each time a redelivery brings different content. */
  version: number;
  contentHash: string;
  /** ISO time the first delivery of this file arrived. */
  receivedAt: string;
  /** ISO time this version was written. */
  updatedAt: string;
  /** Set once this version's event is on the bus; absent while it is pending. */
  publishedAt?: string;
  /** ISO time this version became pending (absent once published). */
  pendingSince?: string;
  /** Until this ISO time, someone holds the right to publish this version. */
  claimedUntil?: string;
}

export type PutNewResult = { created: true } | { created: false; existing: StoredRecording };

/**
 * The recordings table, reduced to the conditional writes the service's guarantees rest on.
 * Every write is conditional on the item's state, so concurrent deliveries and republishers can
 * race freely: exactly one wins each step. Implementations turn their failures into
 * `DependencyUnavailableError`.
 */
export interface RecordingStore {
  /** Writes the first version of a recording; if one exists already, returns it unchanged. */
  putNew(stored: StoredRecording): Promise<PutNewResult>;
  /** Replaces the item if it is still at `expectedVersion`; false if someone changed it first. */
  replace(stored: StoredRecording, expectedVersion: number): Promise<boolean>;
  /**
   * Takes the right to publish `version` until `claimUntil`, if it is still pending and no one
   * else holds an unexpired claim. True when this caller now holds it.
   */
  claim(key: RecordingKey, version: number, now: string, claimUntil: string): Promise<boolean>;
  /** Records that `version` is on the bus; false if the item has moved on to another version. */
  markPublished(key: RecordingKey, version: number, now: string): Promise<boolean>;
  /** Gives up a claim after a failed publish, so the next redelivery or run may try at once. */
  releaseClaim(key: RecordingKey, version: number): Promise<void>;
  get(key: RecordingKey): Promise<StoredRecording | undefined>;
  /** Pending records whose `pendingSince` is before `before`, oldest first. */
  listPending(before: string, limit: number): Promise<StoredRecording[]>;
}
