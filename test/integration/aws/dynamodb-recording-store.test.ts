import { DynamoDbRecordingStore } from '../../../lib/aws/dynamodb-recording-store';
import { describeRecordingStoreContract } from '../../support/recording-store-contract';
import {
  createTestTable,
  startLocalDynamoDb,
  type LocalDynamoDb,
} from '../../support/local-dynamodb';

// The same conditional semantics the in-memory fake is held to, on a real DynamoDB API.
let db: LocalDynamoDb;

beforeAll(async () => {
  db = await startLocalDynamoDb();
});

afterAll(async () => {
  await db.stop();
});

// A table per test: listPending must see only that test's pending items.
describeRecordingStoreContract(
  'DynamoDbRecordingStore',
  async () => new DynamoDbRecordingStore(await createTestTable(db), db.client),
);
