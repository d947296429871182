import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createDynamoDbClient } from '../lib/aws/clients';
import { ensureServiceTables } from '../scripts/local/tables';
import { close, listen } from './http';

export interface LocalDynamoDb {
  endpoint: string;
  /**
   * A client as the functions make it (`createDynamoDbClient`, with their budget), for the stores
   * under test and for what the service does not do itself (creating tables, scans).
   */
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/** A real DynamoDB API (dynalite, in memory) on a free port. */
export async function startLocalDynamoDb(): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const endpoint = await listen(server);
  const client = createDynamoDbClient({
    endpoint,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
  });
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await close(server);
    },
  };
}

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

let tableCounter = 0;

/** A fresh table per test file (or test), so tests never see each other's items. */
export async function createTestTable(db: LocalDynamoDb, prefix = 'recordings'): Promise<string> {
  const tableName = `${prefix}-${process.pid}-${++tableCounter}-${Date.now()}`;
  await ensureServiceTables(db.client, { tableName, eventsTableName: eventsTableOf(tableName) });
  return tableName;
}

/** The events table a test table comes with (`createTestTable` makes both). */
export function eventsTableOf(tableName: string): string {
  return `${tableName}-events`;
}
