import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DependencyUnavailableError } from '../errors';
import type { JsonMap } from '../json/json';
import {
  BookkeepingField as F,
  type Recording,
  type RecordingKey,
} from '../events/recording/types';
import type { PutNewResult, RecordingStore, StoredRecording } from '../outbox/record-store';
import { fromItem, toItem } from './dynamodb-attributes';

/** The sparse index on pending records: only items whose event is not out yet appear in it. */
export const PENDING_INDEX_NAME = 'pending-publish';
/** The value of `publish_pending` on every pending item (the index's partition key). */
const PENDING = 'PENDING';

/**
 * Timeouts and retries sized for the callback's budget (Tencent waits 20 s; the Lambda has less):
 * three attempts of at most 2 s each, so a hung table turns into a 503 in time for a retry.
 */
export function createDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({
    maxAttempts: 3,
    // Without throwOnRequestTimeout the SDK only warns and waits for ever on a hung endpoint.
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true },
  });
}

export class DynamoDbRecordingStore implements RecordingStore {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBClient = createDynamoDbClient(),
  ) {}

  async putNew(stored: StoredRecording): Promise<PutNewResult> {
    try {
      await this.send(() =>
        this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: toItem(toStoredItem(stored)),
            ConditionExpression: 'attribute_not_exists(stream_id)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      return { created: true };
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      // DynamoDB returns the item that failed the condition; a store that does not gets read.
      const existing = error.item ? fromStoredItem(error.item) : await this.get(stored.recording);
      if (!existing) return this.putNew(stored); // deleted in between: write it again
      if (error.retried && isSameWrite(existing, stored)) return { created: true };
      return { created: false, existing };
    }
  }

  async replace(stored: StoredRecording, expectedVersion: number): Promise<boolean> {
    return this.succeeds(
      new PutItemCommand({
        TableName: this.tableName,
        Item: toItem(toStoredItem(stored)),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': F.version },
        ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
      }),
      async () => {
        const current = await this.get(stored.recording);
        return current !== undefined && isSameWrite(current, stored);
      },
    );
  }

  async claim(
    key: RecordingKey,
    version: number,
    now: string,
    claimUntil: string,
  ): Promise<boolean> {
    return this.succeeds(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: itemKey(key),
        UpdateExpression: 'SET #claim = :until',
        ConditionExpression:
          '#version = :version AND attribute_exists(#pending) AND (attribute_not_exists(#claim) OR #claim < :now)',
        ExpressionAttributeNames: {
          '#version': F.version,
          '#pending': F.publishPending,
          '#claim': F.publishClaimedUntil,
        },
        ExpressionAttributeValues: {
          ':version': { N: String(version) },
          ':now': { S: now },
          ':until': { S: claimUntil },
        },
      }),
      async () => {
        const current = await this.get(key);
        return current?.version === version && current.claimedUntil === claimUntil;
      },
    );
  }

  async markPublished(key: RecordingKey, version: number, now: string): Promise<boolean> {
    return this.succeeds(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: itemKey(key),
        UpdateExpression: 'SET #published = :now REMOVE #pending, #since, #claim',
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: {
          '#version': F.version,
          '#published': F.publishedAt,
          '#pending': F.publishPending,
          '#since': F.publishPendingSince,
          '#claim': F.publishClaimedUntil,
        },
        ExpressionAttributeValues: { ':version': { N: String(version) }, ':now': { S: now } },
      }),
    );
  }

  async releaseClaim(key: RecordingKey, version: number): Promise<void> {
    await this.succeeds(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: itemKey(key),
        UpdateExpression: 'REMOVE #claim',
        ConditionExpression: '#version = :version AND attribute_exists(#pending)',
        ExpressionAttributeNames: {
          '#version': F.version,
          '#pending': F.publishPending,
          '#claim': F.publishClaimedUntil,
        },
        ExpressionAttributeValues: { ':version': { N: String(version) } },
      }),
    );
  }

  async get(key: RecordingKey): Promise<StoredRecording | undefined> {
    const { Item } = await this.send(() =>
      this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: itemKey(key), ConsistentRead: true }),
      ),
    );
    return Item ? fromStoredItem(Item) : undefined;
  }

  async listPending(before: string, limit: number): Promise<StoredRecording[]> {
    const { Items = [] } = await this.send(() =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: PENDING_INDEX_NAME,
          KeyConditionExpression: '#pending = :pending AND #since < :before',
          ExpressionAttributeNames: {
            '#pending': F.publishPending,
            '#since': F.publishPendingSince,
          },
          ExpressionAttributeValues: { ':pending': { S: PENDING }, ':before': { S: before } },
          Limit: limit,
        }),
      ),
    );
    return Items.map(fromStoredItem);
  }

  /**
   * Runs a conditional write; false when its condition failed. `wroteIt` settles the one
   * ambiguous case: an attempt that timed out after DynamoDB applied it, retried by the SDK, fails
   * its own condition, and only reading the item tells that the write is ours.
   */
  private async succeeds(
    command: PutItemCommand | UpdateItemCommand,
    wroteIt?: () => Promise<boolean>,
  ): Promise<boolean> {
    try {
      // One overload per command type: the client has no signature taking their union.
      await this.send(() =>
        command instanceof PutItemCommand ? this.client.send(command) : this.client.send(command),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      return error.retried && wroteIt !== undefined ? wroteIt() : false;
    }
  }

  // The one place SDK errors become domain errors.
  private async send<Output>(operation: () => Promise<Output>): Promise<Output> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConditionFailed(error.Item, (error.$metadata.attempts ?? 1) > 1);
      }
      throw new DependencyUnavailableError('the recordings table is unavailable; retry later', {
        cause: error,
      });
    }
  }
}

class ConditionFailed extends Error {
  constructor(
    readonly item: Record<string, AttributeValue> | undefined,
    /** The SDK sent the write more than once: an earlier attempt may have been applied. */
    readonly retried: boolean,
  ) {
    super('condition failed');
  }
}

/** The item is exactly what this writer wrote: same version, content, write time and claim. */
function isSameWrite(item: StoredRecording, written: StoredRecording): boolean {
  return (
    item.version === written.version &&
    item.contentHash === written.contentHash &&
    item.updatedAt === written.updatedAt &&
    item.claimedUntil === written.claimedUntil
  );
}

function itemKey(key: RecordingKey): Record<string, AttributeValue> {
  return { stream_id: { S: key.stream_id }, file_id: { S: key.file_id } };
}

function toStoredItem(stored: StoredRecording): JsonMap {
  const item: JsonMap = {
    ...(stored.recording as JsonMap),
    [F.version]: stored.version,
    [F.contentHash]: stored.contentHash,
    [F.receivedAt]: stored.receivedAt,
    [F.updatedAt]: stored.updatedAt,
  };
  if (stored.publishedAt !== undefined) item[F.publishedAt] = stored.publishedAt;
  if (stored.pendingSince !== undefined) {
    item[F.publishPending] = PENDING;
    item[F.publishPendingSince] = stored.pendingSince;
  }
  if (stored.claimedUntil !== undefined) item[F.publishClaimedUntil] = stored.claimedUntil;
  return item;
}

function fromStoredItem(item: Record<string, AttributeValue>): StoredRecording {
  const {
    [F.version]: version,
    [F.contentHash]: contentHash,
    [F.receivedAt]: receivedAt,
    [F.updatedAt]: updatedAt,
    [F.publishedAt]: publishedAt,
    [F.publishPending]: _pending,
    [F.publishPendingSince]: pendingSince,
    [F.publishClaimedUntil]: claimedUntil,
    ...recording
  } = fromItem(item);
  return {
    recording: recording as Recording,
    version: Number(version),
    contentHash: contentHash as string,
    receivedAt: receivedAt as string,
    updatedAt: updatedAt as string,
    ...(typeof publishedAt === 'string' && { publishedAt }),
    ...(typeof pendingSince === 'string' && { pendingSince }),
    ...(typeof claimedUntil === 'string' && { claimedUntil }),
  };
}
