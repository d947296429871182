import type { PutNewResult, RecordTable } from '../../lib/outbox/record-store';
import type { ItemKey, PublishFailure, StoredRecord } from '../../lib/record/record';

/**
 * A `RecordStore` held in a Map, with the same conditional semantics as the DynamoDB adapter:
 * every write checks the item's current state first, and values are copied in and out so a
 * caller can never change a stored item by mutating what it passed or got back.
 */
export class InMemoryRecordStore implements RecordTable {
  private readonly items = new Map<string, StoredRecord>();

  async putNew(stored: StoredRecord): Promise<PutNewResult> {
    const existing = this.items.get(keyOf(stored.key));
    if (existing) return { created: false, existing: structuredClone(existing) };
    this.items.set(keyOf(stored.key), structuredClone(stored));
    return { created: true };
  }

  async replace(stored: StoredRecord, expectedVersion: number): Promise<boolean> {
    const existing = this.items.get(keyOf(stored.key));
    if (existing?.version !== expectedVersion) return false;
    this.items.set(keyOf(stored.key), structuredClone(stored));
    return true;
  }

  async claim(key: ItemKey, version: number, now: string, claimUntil: string): Promise<boolean> {
    const item = this.items.get(keyOf(key));
    if (item?.version !== version || item.pendingSince === undefined) return false;
    // A claim that ends at `now` has ended.
    if (item.claimedUntil !== undefined && item.claimedUntil > now) return false;
    item.claimedUntil = claimUntil;
    return true;
  }

  async markPublished(key: ItemKey, version: number, now: string): Promise<boolean> {
    const item = this.items.get(keyOf(key));
    if (item?.version !== version) return false;
    item.publishedAt = now;
    delete item.pendingSince;
    delete item.claimedUntil;
    delete item.publishAttempts;
    delete item.nextAttemptAt;
    delete item.lastError;
    return true;
  }

  async releaseClaim(key: ItemKey, version: number, now: string): Promise<void> {
    const item = this.items.get(keyOf(key));
    if (item?.version !== version || item.pendingSince === undefined) return;
    item.claimedUntil = now;
  }

  async recordFailure(key: ItemKey, version: number, failure: PublishFailure): Promise<boolean> {
    const item = this.items.get(keyOf(key));
    if (item?.version !== version) return false;
    item.claimedUntil = failure.failedAt;
    item.publishAttempts = failure.attempts;
    item.lastError = failure.lastError;
    if (failure.parked) {
      delete item.pendingSince;
      delete item.claimedUntil;
      delete item.nextAttemptAt;
      item.parkedAt = failure.parked.at;
      item.parkedReason = failure.parked.reason;
    } else if (failure.nextAttemptAt !== undefined) {
      item.nextAttemptAt = failure.nextAttemptAt;
    }
    return true;
  }

  async unpark(key: ItemKey, now: string): Promise<boolean> {
    const item = this.items.get(keyOf(key));
    if (item?.parkedAt === undefined) return false;
    delete item.parkedAt;
    delete item.parkedReason;
    delete item.publishAttempts;
    delete item.nextAttemptAt;
    item.pendingSince = now;
    return true;
  }

  async get(key: ItemKey): Promise<StoredRecord | undefined> {
    const item = this.items.get(keyOf(key));
    return item && structuredClone(item);
  }

  async listPending(before: string, now: string, limit: number): Promise<StoredRecord[]> {
    return [...this.items.values()]
      .filter((item) => item.pendingSince !== undefined && item.pendingSince < before)
      .filter((item) => item.nextAttemptAt === undefined || item.nextAttemptAt <= now)
      .sort((a, b) => (a.pendingSince! < b.pendingSince! ? -1 : 1))
      .slice(0, limit)
      .map((item) => structuredClone(item));
  }

  async listParked(limit: number): Promise<StoredRecord[]> {
    return [...this.items.values()]
      .filter((item) => item.parkedAt !== undefined)
      .sort((a, b) => (a.parkedAt! < b.parkedAt! ? -1 : 1))
      .slice(0, limit)
      .map((item) => structuredClone(item));
  }

  async markVerified(key: ItemKey, contentHash: string, now: string): Promise<boolean> {
    const item = this.items.get(keyOf(key));
    if (item?.contentHash !== contentHash) return false;
    item.verifiedAt = now;
    delete item.unverifiedSince;
    return true;
  }

  async listUnverified(before: string, limit: number): Promise<StoredRecord[]> {
    return [...this.items.values()]
      .filter((item) => item.unverifiedSince !== undefined && item.unverifiedSince < before)
      .sort((a, b) => (a.unverifiedSince! < b.unverifiedSince! ? -1 : 1))
      .slice(0, limit)
      .map((item) => structuredClone(item));
  }

  /** How many items the table holds. */
  get size(): number {
    return this.items.size;
  }
}

// Sorted entries, not a joined string: ids may contain any separator, and keys must not collide.
function keyOf(key: ItemKey): string {
  return JSON.stringify(Object.entries(key).sort(([a], [b]) => (a < b ? -1 : 1)));
}
