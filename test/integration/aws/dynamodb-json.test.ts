import type { AwsJsonClient, AwsJsonClientOptions } from '../../../lib/aws/aws-json-client';
import {
  conditionalCheckFailure,
  createDynamoDbJsonClient,
  DYNAMODB_BUDGET,
  getItem,
  putItem,
  query,
  updateItem,
  type Item,
} from '../../../lib/aws/dynamodb-json';
import { uniqueStreamId } from '../../support/fixtures';
import { startLocalAwsJsonServer } from '../../support/local-aws-json';
import {
  createTestTable,
  startLocalDynamoDb,
  TEST_CREDENTIALS,
  type LocalDynamoDb,
} from '../../support/local-dynamodb';

let db: LocalDynamoDb;
let tableName: string;
let client: AwsJsonClient;
const others: AwsJsonClient[] = [];

beforeAll(async () => {
  db = await startLocalDynamoDb();
  tableName = await createTestTable(db);
  client = clientOf(db.endpoint);
});

afterAll(async () => {
  others.forEach((other) => other.destroy());
  await db.stop();
});

function clientOf(endpoint: string, options: AwsJsonClientOptions = {}): AwsJsonClient {
  const created = createDynamoDbJsonClient({
    region: 'us-east-1',
    endpoint,
    credentials: () => TEST_CREDENTIALS,
    sleep: async () => {},
    ...options,
  });
  others.push(created);
  return created;
}

const key = (streamId: string, fileId = 'file-1'): Item => ({
  stream_id: { S: streamId },
  file_id: { S: fileId },
});

/** The error a call threw (fails the test when it did not throw). */
async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('on dynalite (DynamoDB API)', () => {
  it('writes an item and reads it back in the AttributeValue wire format, every kind of value', async () => {
    const item: Item = {
      ...key(uniqueStreamId()),
      text: { S: 'hello' },
      count: { N: '12345678901234567890' },
      flag: { BOOL: true },
      nothing: { NULL: true },
      map: { M: { nested: { L: [{ S: 'a' }, { N: '1.5' }] } } },
      tags: { SS: ['b', 'a'] },
      sizes: { NS: ['1', '2'] },
    };

    await putItem(client, { TableName: tableName, Item: item });
    const { Item: read } = await getItem(client, {
      TableName: tableName,
      Key: { stream_id: item.stream_id!, file_id: item.file_id! },
      ConsistentRead: true,
    });

    expect(read).toEqual({ ...item, tags: { SS: expect.arrayContaining(['a', 'b']) as string[] } });
  });

  it('reads no item for a key that is not there', async () => {
    const answer = await getItem(client, { TableName: tableName, Key: key(uniqueStreamId()) });

    expect(answer.Item).toBeUndefined();
  });

  it('updates an item under a condition and returns the new values when asked', async () => {
    const streamId = uniqueStreamId();
    await putItem(client, {
      TableName: tableName,
      Item: { ...key(streamId), version: { N: '1' } },
    });

    const { Attributes } = await updateItem(client, {
      TableName: tableName,
      Key: key(streamId),
      UpdateExpression: 'SET #version = :next',
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': { N: '1' }, ':next': { N: '2' } },
      ReturnValues: 'ALL_NEW',
    });

    expect(Attributes?.version).toEqual({ N: '2' });
  });

  it('queries an index a page at a time', async () => {
    const streamId = uniqueStreamId();
    for (const fileId of ['f1', 'f2', 'f3']) {
      await putItem(client, {
        TableName: tableName,
        Item: {
          ...key(streamId, fileId),
          publish_pending: { S: streamId },
          publish_pending_since: { S: `2026-11-29T10:00:0${fileId.slice(1)}Z` },
        },
      });
    }
    const page = (start?: Item) =>
      query(client, {
        TableName: tableName,
        IndexName: 'pending-publish',
        KeyConditionExpression: '#pending = :pending AND #since < :before',
        ExpressionAttributeNames: {
          '#pending': 'publish_pending',
          '#since': 'publish_pending_since',
        },
        ExpressionAttributeValues: {
          ':pending': { S: streamId },
          ':before': { S: '2026-11-29T10:00:03Z' },
        },
        Limit: 1,
        ...(start && { ExclusiveStartKey: start }),
      });

    const first = await page();
    const second = await page(first.LastEvaluatedKey);

    expect([first.Items?.[0]?.file_id, second.Items?.[0]?.file_id]).toEqual([
      { S: 'f1' },
      { S: 'f2' },
    ]);
    expect(first.LastEvaluatedKey).toBeDefined();
  });

  it('tells a failed condition from unavailability, sent once', async () => {
    const streamId = uniqueStreamId();
    const write = () =>
      putItem(client, {
        TableName: tableName,
        Item: key(streamId),
        ConditionExpression: 'attribute_not_exists(stream_id)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
    await write();

    const error = await failureOf(write());

    // dynalite does not return the item (DynamoDB does: see the test below).
    expect(conditionalCheckFailure(error)).toEqual({ retried: false });
  });

  it('is not a failed condition when the table does not exist: that is unavailability', async () => {
    const error = await failureOf(
      putItem(client, { TableName: 'no-such-table', Item: key(uniqueStreamId()) }),
    );

    expect(error).toMatchObject({ code: 'ResourceNotFoundException', attempts: 1 });
    expect(conditionalCheckFailure(error)).toBeUndefined();
  });
});

describe("on DynamoDB's wire answers (a local server speaking them)", () => {
  const conditionFailed = {
    status: 400,
    body: {
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
      Item: { stream_id: { S: 's' }, file_id: { S: 'f' }, version: { N: '3' } },
    },
  };

  it('returns the item that failed the condition (ReturnValuesOnConditionCheckFailure)', async () => {
    const server = await startLocalAwsJsonServer({ service: 'dynamodb' }, [conditionFailed]);
    try {
      const error = await failureOf(
        putItem(clientOf(server.endpoint), {
          TableName: 't',
          Item: key('s', 'f'),
          ConditionExpression: 'attribute_not_exists(stream_id)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );

      expect(conditionalCheckFailure(error)).toEqual({
        item: { stream_id: { S: 's' }, file_id: { S: 'f' }, version: { N: '3' } },
        retried: false,
      });
      expect(server.requests[0]).toMatchObject({
        target: 'DynamoDB_20120810.PutItem',
        contentType: 'application/x-amz-json-1.0',
        signedCorrectly: true,
      });
    } finally {
      await server.stop();
    }
  });

  it('says the write was retried when an attempt timed out before the condition failed', async () => {
    // The first attempt may have been applied: the store must read the item to know.
    const server = await startLocalAwsJsonServer({ service: 'dynamodb' }, [
      'hang',
      conditionFailed,
    ]);
    try {
      const error = await failureOf(
        putItem(clientOf(server.endpoint, { requestTimeoutMs: 200 }), {
          TableName: 't',
          Item: key('s', 'f'),
          ConditionExpression: 'attribute_not_exists(stream_id)',
        }),
      );

      expect(conditionalCheckFailure(error)).toMatchObject({ retried: true });
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.stop();
    }
  });

  it('retries throttling three times, then reports unavailability, not a failed condition', async () => {
    const server = await startLocalAwsJsonServer({ service: 'dynamodb' });
    server.otherwise = {
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
        message: 'The level of configured provisioned throughput for the table was exceeded',
      },
    };
    try {
      const error = await failureOf(
        getItem(clientOf(server.endpoint), { TableName: 't', Key: key('s') }),
      );

      expect(error).toMatchObject({
        code: 'ProvisionedThroughputExceededException',
        attempts: DYNAMODB_BUDGET.maxAttempts,
      });
      expect(conditionalCheckFailure(error)).toBeUndefined();
    } finally {
      await server.stop();
    }
  });
});
