import { DynamoDbRecordTable } from '../../../lib/aws/dynamodb-record-table';
import { recordingsTable } from '../../../lib/aws/tables';
import { describeRecordStoreContract } from '../../support/record-store-contract';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../../fakes/dynamodb';
import { createTestTable } from '../../support/local-dynamodb';

// The same conditional semantics the in-memory fake is held to, on a real DynamoDB API.
let db: LocalDynamoDb;

beforeAll(async () => {
  db = await startLocalDynamoDb();
});

afterAll(async () => {
  await db.stop();
});

// A table per test: listPending must see only that test's pending items.
describeRecordStoreContract(
  'DynamoDbRecordTable',
  async () => new DynamoDbRecordTable(recordingsTable(await createTestTable(db)), db.client),
);
