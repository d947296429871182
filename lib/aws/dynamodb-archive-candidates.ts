import {
  QueryCommand,
  ScanCommand,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { ArchiveCandidates, RecordingWindow } from '../archive/backfill';
import { ArchiveStorageError } from '../archive/errors';
import { BookkeepingField as F } from '../record/bookkeeping';
import type { ItemKey } from '../record/record';
import { createDynamoDbClient } from './clients';
import type { Item } from './dynamodb-attributes';

/**
 * The recordings of a window still to archive, for `npm run archive` (a person's command, not a
 * function): a Query per stream when streams are named, a Scan of the table otherwise, both
 * filtered on `end_time` and on the archive's attributes, reading the keys only. The table has no
 * index by time: a backfill is rare, and a Scan's cost (the table's size, once) is a person's
 * choice, where an index would cost every recording's write.
 */
export class DynamoDbArchiveCandidates implements ArchiveCandidates {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBClient = createDynamoDbClient(),
  ) {}

  async *list(window: RecordingWindow): AsyncIterable<ItemKey> {
    const filter = {
      FilterExpression:
        '#end BETWEEN :since AND :until AND (attribute_not_exists(#archive) OR attribute_exists(#progress))',
      ProjectionExpression: 'stream_id, file_id',
      ExpressionAttributeNames: {
        '#end': 'end_time',
        '#archive': F.archive,
        '#progress': F.archiveProgress,
      },
      ExpressionAttributeValues: {
        ':since': { N: String(Math.floor(window.since.getTime() / 1000)) },
        ':until': { N: String(Math.floor(window.until.getTime() / 1000)) },
      },
    };
    if (window.streams === undefined || window.streams.length === 0) {
      yield* this.pages((start) =>
        this.client.send(
          new ScanCommand({ TableName: this.tableName, ...filter, ExclusiveStartKey: start }),
        ),
      );
      return;
    }
    for (const stream of window.streams) {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        KeyConditionExpression: 'stream_id = :stream',
        ...filter,
        ExpressionAttributeValues: {
          ...filter.ExpressionAttributeValues,
          ':stream': { S: stream },
        },
      };
      yield* this.pages((start) =>
        this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: start })),
      );
    }
  }

  private async *pages(
    read: (start: Item | undefined) => Promise<{ Items?: Item[]; LastEvaluatedKey?: Item }>,
  ): AsyncIterable<ItemKey> {
    let start: Item | undefined;
    do {
      let page: { Items?: Item[]; LastEvaluatedKey?: Item };
      try {
        page = await read(start);
      } catch (error) {
        throw new ArchiveStorageError(`the recordings table could not be read`, { cause: error });
      }
      for (const item of page.Items ?? []) {
        yield { stream_id: item.stream_id?.S ?? '', file_id: item.file_id?.S ?? '' };
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
  }
}
