import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { fromItem } from '../../lib/aws/dynamodb-attributes';
import type { JsonMap } from '../../lib/json/json';
import type { LocalDynamoDb } from '../../fakes/dynamodb';

/** Reads an item back through the raw API, as the DynamoDB console shows it. */
export async function readItem(
  db: LocalDynamoDb,
  tableName: string,
  key: { stream_id: string; file_id: string },
): Promise<JsonMap | undefined> {
  const { Item } = await db.client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { stream_id: { S: key.stream_id }, file_id: { S: key.file_id } },
      ConsistentRead: true,
    }),
  );
  return Item ? fromItem(Item) : undefined;
}

/** Every item of one stream. */
export async function itemsOfStream(
  db: LocalDynamoDb,
  tableName: string,
  streamId: string,
): Promise<JsonMap[]> {
  const { Items = [] } = await db.client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'stream_id = :s',
      ExpressionAttributeValues: { ':s': { S: streamId } },
      ConsistentRead: true,
    }),
  );
  return Items.map(fromItem);
}

/** Reads an item of any table by its key attributes (all strings). */
export async function readItemByKey(
  db: LocalDynamoDb,
  tableName: string,
  key: Record<string, string>,
): Promise<JsonMap | undefined> {
  const { Item } = await db.client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }])),
      ConsistentRead: true,
    }),
  );
  return Item ? fromItem(Item) : undefined;
}
