import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DependencyUnavailableError } from '../errors';
import type { Checkpoint, CheckpointStore } from '../reconcile/checkpoint';
import { createDynamoDbClient } from './clients';

/**
 * Reconciliation checkpoints, kept in the events table under a partition no stream can have
 * (`#` is not allowed in Tencent's stream names), one item per job: a person browsing the table
 * sees where a backfill stands.
 */
export const CHECKPOINT_PARTITION = '#reconcile';

export class DynamoDbCheckpointStore implements CheckpointStore {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBClient = createDynamoDbClient(),
  ) {}

  async load(job: string): Promise<Checkpoint | undefined> {
    const { Item } = await this.send(() =>
      this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: key(job), ConsistentRead: true }),
      ),
    );
    const text = Item?.checkpoint?.S;
    return text === undefined ? undefined : (JSON.parse(text) as Checkpoint);
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    await this.send(() =>
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            ...key(checkpoint.job),
            // One JSON attribute: the checkpoint is read whole, never queried by its parts.
            checkpoint: { S: JSON.stringify(checkpoint) },
            next_unit: { N: String(checkpoint.nextUnit) },
            updated_at: { S: checkpoint.updatedAt },
          },
        }),
      ),
    );
  }

  async complete(job: string, windowEnd: string): Promise<void> {
    await this.send(() =>
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...completedKey(job), window_end: { S: windowEnd } },
        }),
      ),
    );
    await this.send(() =>
      this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: key(job) })),
    );
  }

  async lastCompleted(job: string): Promise<string | undefined> {
    const { Item } = await this.send(() =>
      this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: completedKey(job),
          ConsistentRead: true,
        }),
      ),
    );
    return Item?.window_end?.S;
  }

  private async send<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new DependencyUnavailableError('the events table is unavailable; retry later', {
        cause: error,
      });
    }
  }
}

function key(job: string) {
  return { stream_id: { S: CHECKPOINT_PARTITION }, event_key: { S: `checkpoint#${job}` } };
}

function completedKey(job: string) {
  return { stream_id: { S: CHECKPOINT_PARTITION }, event_key: { S: `completed#${job}` } };
}
