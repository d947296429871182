import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
// The same definition serverless.yml deploys: one source of truth for keys and indexes.
import definition from '../../lib/aws/tables/recordings.json';

/** Creates the recordings table (as deployed) if it does not exist, and waits until it is active. */
export async function ensureRecordingsTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<void> {
  const input = {
    ...definition,
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
  } as CreateTableCommandInput;
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
