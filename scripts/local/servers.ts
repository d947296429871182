import { mkdir } from 'node:fs/promises';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ClassicLevel } from 'classic-level';
import { createServer as createConsole } from 'dynamodb-admin';
import dynalite from 'dynalite';

/** The AWS SDK signs every request, local servers included: any credentials do. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

/** Servers run in this process, on loopback only: a dev stack with a printed key stays private. */
const HOST = '127.0.0.1';

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/** DynamoDB's API (dynalite), its tables kept in `dataDir` across restarts. */
export async function startDynamoDb(port: number, dataDir: string): Promise<RunningServer> {
  await mkdir(dataDir, { recursive: true });
  await assertDataDirFree(dataDir);
  // Tables become ACTIVE at once: nothing here waits for provisioning.
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  return listen(server, port);
}

/** A DynamoDB console (dynamodb-admin) for the local DynamoDB at `endpoint`. */
export async function startDynamoDbConsole(port: number, endpoint: string): Promise<RunningServer> {
  // An Express app; its types name @types/express, which this project does not install.
  const app = createConsole({
    dynamoDbClient: localDynamoDbClient(endpoint),
  }) as unknown as RequestListener;
  // Not `app.listen()`: with the server in hand, closing it can cut idle browser connections.
  return listen(createHttpServer(app), port);
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

async function listen(server: Server, port: number): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve());
  });
  return {
    url: `http://${HOST}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Idle keep-alive connections (the console's browser tab) must not hold the port open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
