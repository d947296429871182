import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import { createDynamoDbClient } from '../lib/aws/clients';
import { FAKE_AWS_CREDENTIALS, FAKE_AWS_REGION } from './credentials';
import { close, listen, type FakeTls } from './http';

export interface LocalDynamoDbOptions {
  /** A free port by default. */
  port?: number;
  /** Where dynalite keeps its tables (LevelDB); in memory by default. */
  path?: string;
  /** HTTPS with this key and certificate, as DynamoDB speaks. */
  tls?: FakeTls;
}

export interface LocalDynamoDb {
  endpoint: string;
  /**
   * A client as the functions make it (`createDynamoDbClient`, with their budget) and the fakes'
   * credentials, for the stores under test and for what the service does not do itself (creating
   * tables, scans).
   */
  client: DynamoDBClient;
  /** The server, for a caller that counts or observes its requests. */
  server: Server;
  stop(): Promise<void>;
}

/**
 * A real DynamoDB API (dynalite) on loopback: tables are active at once (nothing waits for
 * provisioning), and with no `path` they live in memory.
 */
export async function startLocalDynamoDb(
  options: LocalDynamoDbOptions = {},
): Promise<LocalDynamoDb> {
  const server = dynalite({
    ...(options.path !== undefined && { path: options.path }),
    ...(options.tls && { ssl: true, ...options.tls }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const endpoint = await listen(server, options.port);
  const client = createDynamoDbClient({
    endpoint,
    region: FAKE_AWS_REGION,
    credentials: FAKE_AWS_CREDENTIALS,
  });
  return {
    endpoint,
    client,
    server,
    stop: async () => {
      client.destroy();
      await close(server);
    },
  };
}
