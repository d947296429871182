import type { RecordingKey } from '../../lib/events/recording/types';
import type { PutNewResult, RecordingStore, StoredRecording } from '../../lib/outbox/record-store';

/**
 * A `RecordingStore` held in a Map, with the same conditional semantics as the DynamoDB adapter:
 * every write checks the item's current state first, and values are copied in and out so a
 * caller can never change a stored item by mutating what it passed or got back.
 */
export class InMemoryRecordingStore implements RecordingStore {
  private readonly items = new Map<string, StoredRecording>();

  async putNew(stored: StoredRecording): Promise<PutNewResult> {
    const existing = this.items.get(keyOf(stored.recording));
    if (existing) return { created: false, existing: structuredClone(existing) };
    this.items.set(keyOf(stored.recording), structuredClone(stored));
    return { created: true };
  }

  async replace(stored: StoredRecording, expectedVersion: number): Promise<boolean> {
    const existing = this.items.get(keyOf(stored.recording));
    if (existing?.version !== expectedVersion) return false;
    this.items.set(keyOf(stored.recording), structuredClone(stored));
    return true;
  }

  async claim(
    key: RecordingKey,
    version: number,
    now: string,
    claimUntil: string,
  ): Promise<boolean> {
    const item = this.items.get(keyOf(key));
    if (item?.version !== version || item.pendingSince === undefined) return false;
    if (item.claimedUntil !== undefined && !(item.claimedUntil < now)) return false;
    item.claimedUntil = claimUntil;
    return true;
  }

  async markPublished(key: RecordingKey, version: number, now: string): Promise<boolean> {
    const item = this.items.get(keyOf(key));
    if (item?.version !== version) return false;
    item.publishedAt = now;
    delete item.pendingSince;
    delete item.claimedUntil;
    return true;
  }

  async releaseClaim(key: RecordingKey, version: number): Promise<void> {
    const item = this.items.get(keyOf(key));
    if (item?.version !== version || item.pendingSince === undefined) return;
    delete item.claimedUntil;
  }

  async get(key: RecordingKey): Promise<StoredRecording | undefined> {
    const item = this.items.get(keyOf(key));
    return item && structuredClone(item);
  }

  async listPending(before: string, limit: number): Promise<StoredRecording[]> {
    return [...this.items.values()]
      .filter((item) => item.pendingSince !== undefined && item.pendingSince < before)
      .sort((a, b) => (a.pendingSince! < b.pendingSince! ? -1 : 1))
      .slice(0, limit)
      .map((item) => structuredClone(item));
  }

  /** How many items the table holds. */
  get size(): number {
    return this.items.size;
  }
}

// A tuple, not `${stream_id}/${file_id}`: ids may contain '/', and distinct keys must not collide.
function keyOf(key: RecordingKey): string {
  return JSON.stringify([key.stream_id, key.file_id]);
}
