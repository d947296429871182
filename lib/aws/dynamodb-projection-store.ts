import {
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Projection, ProjectionStore } from '../events/kind';
import { DependencyUnavailableError } from '../errors';
import type { JsonMap } from '../json/json';
import { fromItem, toAttribute } from './dynamodb-attributes';
import { createDynamoDbClient } from './clients';

/**
 * Applies projections with `SET`s only, so that any order of callbacks, and any number of
 * redeliveries, gives the same item: each callback writes its own attributes, then what needs both
 * (a session's duration) is derived from the item as it then is.
 */
export class DynamoDbProjectionStore implements ProjectionStore {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBClient = createDynamoDbClient(),
  ) {}

  async apply(projection: Projection, now: Date): Promise<void> {
    // A key attribute cannot be SET; the key names the item already.
    const attributes = Object.fromEntries(
      Object.entries(projection.set).filter(([name]) => !(name in projection.key)),
    );
    const item = await this.set(projection, { ...attributes, updated_at: now.toISOString() });
    const derived = projection.derive?.(item);
    if (derived === undefined) return;
    const changed = Object.entries(derived).filter(
      ([name, value]) => JSON.stringify(item[name]) !== JSON.stringify(value),
    );
    if (changed.length > 0) await this.set(projection, Object.fromEntries(changed));
  }

  private async set(projection: Projection, attributes: JsonMap): Promise<JsonMap> {
    const names: Record<string, string> = {};
    const values: Record<string, AttributeValue> = {};
    const assignments = Object.entries(attributes).map(([name, value], index) => {
      names[`#a${index}`] = name;
      values[`:v${index}`] = toAttribute(value);
      return `#a${index} = :v${index}`;
    });
    try {
      const { Attributes } = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: Object.fromEntries(
            Object.entries(projection.key).map(([name, value]) => [name, { S: value }]),
          ),
          UpdateExpression: `SET ${assignments.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? fromItem(Attributes) : {};
    } catch (error) {
      throw new DependencyUnavailableError('the events table is unavailable; retry later', {
        cause: error,
      });
    }
  }
}
