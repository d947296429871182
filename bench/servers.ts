/**
 * The local AWS endpoints the benchmark's callbacks write to, in a process of their own so that
 * serving them never runs on the measured process's event loop: dynalite (DynamoDB's API, in
 * memory) and a PutEvents server that accepts every entry. Started by bench/measure.ts with an IPC
 * channel; the table name is the one argument. Stops when its parent disconnects (or dies).
 *
 * Each endpoint counts the requests it serves and the time it spends on them, so a report can
 * tell the endpoints' share of a callback's latency from the handler's own.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ensureServiceTables } from '../scripts/local/tables';
import { close, listen } from '../test/support/servers';
import type { EndpointLoad, ServersMessage } from './protocol';

/** Requests from this process's own client (creating the table, counting items) are not counted. */
const OWN_USER_AGENT = 'tencent-css-bench-servers';

async function main(): Promise<void> {
  const tableName = process.argv[2];
  if (!tableName || !process.send) throw new Error('usage: started by bench/measure.ts, with IPC');
  const send = (message: ServersMessage) => process.send?.(message);

  const bus = { events: 0 };
  const dynamoDbServer = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const eventBridgeServer = createServer((request, response) => putEvents(bus, request, response));
  const dynamoDbLoad = countLoad(dynamoDbServer);
  const eventBridgeLoad = countLoad(eventBridgeServer);
  const [dynamoDbEndpoint, eventBridgeEndpoint] = await Promise.all([
    listen(dynamoDbServer),
    listen(eventBridgeServer),
  ]);
  const client = new DynamoDBClient({
    endpoint: dynamoDbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    customUserAgent: OWN_USER_AGENT,
  });
  await ensureServiceTables(client, { tableName, eventsTableName: `${tableName}-events` });

  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stats') return;
    const load = { dynamoDb: { ...dynamoDbLoad }, eventBridge: { ...eventBridgeLoad } };
    void countItems(client, tableName).then((items) =>
      send({ type: 'stats', items, events: bus.events, ...load }),
    );
  });
  process.once('disconnect', () => {
    client.destroy();
    void Promise.all([close(dynamoDbServer), close(eventBridgeServer)]).finally(() =>
      process.exit(0),
    );
  });
  send({ type: 'ready', dynamoDbEndpoint, eventBridgeEndpoint });
}

/** Counts requests and the time from their arrival to the end of the answer. */
function countLoad(server: Server): EndpointLoad {
  const load: EndpointLoad = { requests: 0, ms: 0 };
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.headers['user-agent']?.includes(OWN_USER_AGENT)) return;
    const start = performance.now();
    load.requests++;
    response.once('finish', () => (load.ms += performance.now() - start));
  });
  return load;
}

/** PutEvents as EventBridge answers it when every entry is accepted (AWS JSON 1.1). */
function putEvents(bus: { events: number }, request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const send = (status: number, payload: object) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(payload));
    };
    if (request.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
      send(400, { __type: 'UnknownOperationException', message: 'only PutEvents is served here' });
      return;
    }
    const { Entries = [] } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
      Entries?: unknown[];
    };
    bus.events += Entries.length;
    send(200, { FailedEntryCount: 0, Entries: Entries.map(() => ({ EventId: randomUUID() })) });
  });
}

async function countItems(client: DynamoDBClient, tableName: string): Promise<number> {
  let items = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    items += page.Count ?? 0;
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return items;
}

main().catch((error: unknown) => {
  console.error('bench servers:', error);
  process.exit(1);
});
