import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
// The same definitions serverless.yml deploys: one source of truth for keys and indexes.
import events from '../../lib/aws/tables/events.json';
import recordings from '../../lib/aws/tables/recordings.json';

/** A table's definition as lib/aws/tables/*.json holds it. */
type TableDefinition = Pick<
  CreateTableCommandInput,
  'AttributeDefinitions' | 'KeySchema' | 'GlobalSecondaryIndexes'
>;

/**
 * Creates a table (as deployed) if it does not exist, and waits until it is active. The time to
 * live is not set: dynalite does not expire items, so nothing expires locally.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  definition: TableDefinition,
): Promise<void> {
  const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes } = definition;
  const input: CreateTableCommandInput = {
    TableName: tableName,
    AttributeDefinitions,
    KeySchema,
    GlobalSecondaryIndexes,
    BillingMode: 'PAY_PER_REQUEST',
  };
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${tableName} did not become active`);
}

/** The service's tables, as serverless.yml defines them. */
export async function ensureServiceTables(
  client: DynamoDBClient,
  names: { tableName: string; eventsTableName: string },
): Promise<void> {
  await Promise.all([
    ensureTable(client, names.tableName, recordings as TableDefinition),
    ensureTable(client, names.eventsTableName, events as TableDefinition),
  ]);
}
