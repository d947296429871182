import { mkdir } from 'node:fs/promises';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ClassicLevel } from 'classic-level';
import { createServer as createConsole } from 'dynamodb-admin';
import { startLocalDynamoDb } from '../../fakes/dynamodb';
import { close, listen } from '../../fakes/http';
import { startLocalS3 } from '../../fakes/local-s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './settings';

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * DynamoDB's API (the dynalite the tests use too), its tables kept in `dataDir` across restarts.
 * Like every server of the stack, it listens on loopback only: a dev stack with a printed key
 * stays private.
 */
export async function startDynamoDb(port: number, dataDir: string): Promise<RunningServer> {
  await mkdir(dataDir, { recursive: true });
  await assertDataDirFree(dataDir);
  const dynamoDb = await startLocalDynamoDb({ port, path: dataDir });
  return { url: dynamoDb.endpoint, close: () => dynamoDb.stop() };
}

/**
 * S3's API (s3rver, as in the tests) with `bucket`, its objects kept in `directory` across
 * restarts, one file each (`<directory>/<bucket>/<key>._S3rver_object`). It accepts the handlers'
 * local credentials.
 */
export async function startS3(
  port: number,
  directory: string,
  bucket: string,
): Promise<RunningServer> {
  await mkdir(directory, { recursive: true });
  const s3 = await startLocalS3({
    port,
    directory,
    buckets: [bucket],
    credentials: [LOCAL_CREDENTIALS],
    region: LOCAL_REGION,
  });
  return { url: s3.endpoint, close: () => s3.stop() };
}

/** A DynamoDB console (dynamodb-admin) for the local DynamoDB at `endpoint`. */
export async function startDynamoDbConsole(port: number, endpoint: string): Promise<RunningServer> {
  // An Express app; its types name @types/express, which this project does not install.
  const app = createConsole({
    dynamoDbClient: localDynamoDbClient(endpoint),
  }) as unknown as RequestListener;
  // Not `app.listen()`: with the server in hand, closing it can cut idle browser connections
  // (the console's browser tab must not hold the port open).
  const server = createHttpServer(app);
  return { url: await listen(server, port), close: () => close(server) };
}

/**
 * LevelDB lets one process at a time open a directory, and dynalite, finding it locked, crashes on
 * the first request with "Database is closed". Opening it first turns that into a message.
 */
async function assertDataDirFree(dataDir: string): Promise<void> {
  const db = new ClassicLevel(dataDir);
  try {
    await db.open();
  } catch (error) {
    throw new Error(
      `The DynamoDB data directory ${dataDir} is in use (by another local stack?). ` +
        'Stop it, or give this one its own directory: LOCAL_DATA_DIR=<dir> npm start',
      { cause: error },
    );
  } finally {
    await db.close();
  }
}

export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}
