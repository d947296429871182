import {
  BatchGetItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DependencyUnavailableError } from '../errors';
import { BookkeepingField as F } from '../record/bookkeeping';
import type { RecordListing } from '../outbox/record-store';
import type { ItemKey, StoredRecord } from '../record/record';
import type { Item } from './dynamodb-attributes';
import {
  DynamoDbRecordStore,
  PARKED,
  PENDING,
  PENDING_INDEX_NAME,
  UNVERIFIED,
  VERIFICATION_INDEX_NAME,
} from './dynamodb-record-store';

/**
 * Pages of the pending index one listing reads at most. Records in backoff are read and skipped
 * (a filter); parking bounds how many there can be, and this bounds the cost of a run if not.
 */
const MAX_PAGES = 20;
/** BatchGetItem reads at most 100 items a request. */
const MAX_BATCH_GET = 100;
/** Rounds of a BatchGetItem that leaves keys unprocessed (throttled) before giving up. */
const MAX_BATCH_ROUNDS = 5;

/**
 * A table of records with the listings its indexes give: the records pending or parked
 * (`pending-publish`, for the republisher and a person) and those waiting for Tencent's history
 * (`pending-verification`, for the reconciler). Apart from the store, which is all the callback
 * loads. The indexes carry keys; the records are read from the table.
 */
export class DynamoDbRecordTable extends DynamoDbRecordStore implements RecordListing {
  async listPending(before: string, now: string, limit: number): Promise<StoredRecord[]> {
    return this.query(
      {
        IndexName: PENDING_INDEX_NAME,
        KeyConditionExpression: '#pending = :pending AND #since < :before',
        // Records in backoff wait; they keep their place in the index (oldest first).
        FilterExpression: 'attribute_not_exists(#next) OR #next <= :now',
        ExpressionAttributeNames: {
          '#pending': F.publishPending,
          '#since': F.publishPendingSince,
          '#next': F.publishNextAttemptAt,
        },
        ExpressionAttributeValues: {
          ':pending': { S: PENDING },
          ':before': { S: before },
          ':now': { S: now },
        },
      },
      limit,
    );
  }

  async listParked(limit: number): Promise<StoredRecord[]> {
    return this.query(
      {
        IndexName: PENDING_INDEX_NAME,
        KeyConditionExpression: '#pending = :parked',
        ExpressionAttributeNames: { '#pending': F.publishPending },
        ExpressionAttributeValues: { ':parked': { S: PARKED } },
      },
      limit,
    );
  }

  async listUnverified(before: string, limit: number): Promise<StoredRecord[]> {
    return this.query(
      {
        IndexName: VERIFICATION_INDEX_NAME,
        KeyConditionExpression: '#pending = :unverified AND #since < :before',
        ExpressionAttributeNames: { '#pending': F.verifyPending, '#since': F.updatedAt },
        ExpressionAttributeValues: { ':unverified': { S: UNVERIFIED }, ':before': { S: before } },
      },
      limit,
    );
  }

  /**
   * The records an index names, in its order: the index carries their keys, and they are read
   * from the table (consistently: a record the index still names may have moved on since).
   */
  private async query(
    input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
    limit: number,
  ): Promise<StoredRecord[]> {
    const keys = await this.queryKeys(input, limit);
    const records = new Map<string, StoredRecord>();
    for (let first = 0; first < keys.length; first += MAX_BATCH_GET) {
      for (const item of await this.getMany(keys.slice(first, first + MAX_BATCH_GET))) {
        const stored = this.fromStoredItem(item);
        records.set(JSON.stringify(stored.key), stored);
      }
    }
    return keys
      .map((key) => records.get(JSON.stringify(this.keyOf(key))))
      .filter((stored): stored is StoredRecord => stored !== undefined);
  }

  private async queryKeys(
    input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
    limit: number,
  ): Promise<Item[]> {
    const found: Item[] = [];
    let start: Item | undefined;
    for (let page = 0; page < MAX_PAGES && found.length < limit; page++) {
      const { Items = [], LastEvaluatedKey } = await this.send(() =>
        this.client.send(
          new QueryCommand({
            ...input,
            TableName: this.tableName,
            Limit: limit - found.length,
            ...(start && { ExclusiveStartKey: start }),
          }),
        ),
      );
      found.push(...Items.map((item) => this.itemKey(this.keyOf(item))));
      if (!LastEvaluatedKey) break;
      start = LastEvaluatedKey;
    }
    return found.slice(0, limit);
  }

  /** Items by key, in any order; those that are gone are left out. */
  private async getMany(keys: readonly Item[]): Promise<Item[]> {
    const items: Item[] = [];
    let wanted: Item[] = [...keys];
    // BatchGetItem may leave keys unprocessed under load: they are asked for again.
    for (let round = 0; wanted.length > 0; round++) {
      if (round === MAX_BATCH_ROUNDS) {
        throw new DependencyUnavailableError(
          `the ${this.layout.label} table is unavailable; retry later`,
        );
      }
      const { Responses, UnprocessedKeys } = await this.send(() =>
        this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tableName]: { Keys: wanted, ConsistentRead: true } },
          }),
        ),
      );
      items.push(...(Responses?.[this.tableName] ?? []));
      wanted = UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return items;
  }

  /** The item key of an item (or of an index entry, which carries it). */
  private keyOf(item: Item): ItemKey {
    return Object.fromEntries(this.layout.keyAttributes.map((name) => [name, item[name]?.S ?? '']));
  }
}
