/**
 * The local AWS endpoints the benchmark's functions call, in a process of their own so that
 * serving them never runs on a measured process's event loop. All speak HTTPS with the run's
 * certificates (bench/certificates.ts), as DynamoDB, EventBridge and SSM do:
 *
 *   dynamodb   dynalite (DynamoDB's API, in memory): the cold starts and the republisher write here
 *   instant    a DynamoDB that answers PutItem, UpdateItem and Query at once, as if every write
 *              succeeded: the warm runs, which judge the handler's own time, write here
 *   events     PutEvents, every entry accepted at once
 *   ssm        GetParameter, serving the callback key (SecureString), the SigV4 signature checked
 *   impostor   answers like all three, with a certificate from a root no one trusts: a process
 *              that verifies certificates never gets a request through
 *
 * Started by bench/measure.ts with an IPC channel and one JSON argument ({@link ServersJob});
 * stops when its parent disconnects (or dies). Every endpoint counts the requests it serves by
 * operation, and the time it spends on them.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { serviceTablesWithListings } from '../../lib/aws/tables';
import { recordingKind } from '../../lib/events/recording/kind';
import { storeRecord } from '../../lib/outbox/store-record';
import { ensureServiceTables } from '../../scripts/local/tables';
import { signatureIsValid } from '../../fakes/sigv4';
import { recordingBody } from '../../test/support/fixtures';
import { dynamoDbItemBytes, eventBridgeEntryBytes } from '../aws-sizes';
import type { EndpointCounters, ServersJob, ServersMessage, ServersRequest } from '../protocol';
import { trustCertificate } from '../trust-certificate';

/** Requests from this process's own clients (creating the tables, seeding, counting) are not counted. */
const OWN_USER_AGENT = 'tencent-css-bench-servers';

type Endpoint = 'dynamodb' | 'instant' | 'events' | 'ssm' | 'impostor';

async function main(job: ServersJob): Promise<void> {
  if (!process.send) throw new Error('usage: started by bench/measure.ts, with IPC');
  const send = (message: ServersMessage) => process.send?.(message);
  // This process's own clients (SDK and AWS JSON) verify the endpoints' certificates too.
  trustCertificate(job.caPem);
  const tls = { key: job.key, cert: job.cert };
  const signing = { region: job.region, credentials: job.credentials };

  const counters = {} as Record<Endpoint, EndpointCounters>;
  const bus = { events: 0 };
  const servers: Record<Endpoint, HttpsServer> = {
    dynamodb: dynalite({
      ssl: true,
      ...tls,
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    }) as HttpsServer,
    instant: createServer(tls, (request, response) =>
      readBody(request, (body) => instantDynamoDb(counters.instant, request, body, response)),
    ),
    events: createServer(tls, (request, response) =>
      readBody(request, (body) => putEvents(bus, counters.events, request, body, response)),
    ),
    ssm: createServer(tls, (request, response) =>
      readBody(request, (body) => void getParameter(job, signing, request, body, response)),
    ),
    impostor: createServer(job.impostor, (request, response) =>
      readBody(request, () => answer(response, 200, '1.1', {})),
    ),
  };
  for (const [name, server] of Object.entries(servers) as [Endpoint, HttpsServer][]) {
    counters[name] = count(server);
  }
  const entries = await Promise.all(
    Object.entries(servers).map(async ([name, server]) => [name, await listen(server)] as const),
  );
  const endpoints = Object.fromEntries(entries) as Record<Endpoint, string>;

  const client = new DynamoDBClient({
    endpoint: endpoints.dynamodb,
    region: job.region,
    credentials: job.credentials,
    customUserAgent: OWN_USER_AGENT,
  });
  const names = { tableName: job.tableName, eventsTableName: job.eventsTableName };
  await ensureServiceTables(client, names);
  const { stores } = serviceTablesWithListings({ ...names, highVolumeRetentionDays: 30 }, client);

  process.on('message', (message: ServersRequest) => {
    const snapshot = () => structuredClone(counters);
    if (message.type === 'counters') {
      send({ type: 'counters', counters: snapshot(), events: bus.events });
    } else if (message.type === 'stats') {
      void countItems(client, job.tableName).then((items) =>
        send({ type: 'stats', counters: snapshot(), events: bus.events, items }),
      );
    } else if (message.type === 'seed') {
      // Recordings stored long enough ago that the republisher takes them (older than its minimum
      // age, their publish claim expired), as a callback that stopped between its writes leaves them.
      const at = new Date(Date.now() - 10 * 60_000);
      void Promise.all(
        Array.from({ length: message.count }, (_, index) => {
          const fields = recordingKind.normalise(
            recordingBody({ stream_id: `${message.streamPrefix}-${index}` }),
          );
          return storeRecord(stores.recordings, recordingKind.identify(fields), fields, at);
        }),
      ).then(
        () => send({ type: 'seeded' }),
        (error: unknown) => send({ type: 'failed', message: String(error) }),
      );
    }
  });
  process.once('disconnect', () => {
    client.destroy();
    void Promise.all(Object.values(servers).map(close)).finally(() => process.exit(0));
  });
  send({ type: 'ready', endpoints });
}

/** Counts requests by operation (`X-Amz-Target`), and the time from arrival to the end of the answer. */
function count(server: Server): EndpointCounters {
  const counters: EndpointCounters = { requests: 0, ms: 0, operations: {}, tlsFailures: 0 };
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.headers['user-agent']?.includes(OWN_USER_AGENT)) return;
    const start = performance.now();
    const target = String(request.headers['x-amz-target'] ?? 'none');
    const operation = target.slice(target.indexOf('.') + 1);
    counters.requests++;
    counters.operations[operation] = (counters.operations[operation] ?? 0) + 1;
    response.once('finish', () => (counters.ms += performance.now() - start));
  });
  // A client that refuses the certificate aborts the handshake: the server sees it here.
  server.on('tlsClientError', () => counters.tlsFailures++);
  return counters;
}

function readBody(request: IncomingMessage, then: (body: string) => void): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => then(Buffer.concat(chunks).toString('utf8')));
}

function answer(response: ServerResponse, status: number, version: '1.0' | '1.1', body: object) {
  response.writeHead(status, { 'content-type': `application/x-amz-json-${version}` });
  response.end(JSON.stringify(body));
}

/**
 * DynamoDB as if every conditional write succeeded and no record were pending: what a warm
 * callback meets on a healthy table, minus the table's own time. Keeps the size of each item put,
 * which is what DynamoDB bills.
 */
function instantDynamoDb(
  counters: EndpointCounters,
  request: IncomingMessage,
  body: string,
  response: ServerResponse,
) {
  const target = String(request.headers['x-amz-target']);
  if (target === 'DynamoDB_20120810.PutItem') {
    const { Item = {} } = JSON.parse(body) as { Item?: Parameters<typeof dynamoDbItemBytes>[0] };
    counters.itemBytes = (counters.itemBytes ?? 0) + dynamoDbItemBytes(Item);
    answer(response, 200, '1.0', {});
  } else if (target === 'DynamoDB_20120810.UpdateItem') {
    answer(response, 200, '1.0', {});
  } else if (target === 'DynamoDB_20120810.Query') {
    answer(response, 200, '1.0', { Items: [], Count: 0, ScannedCount: 0 });
  } else {
    answer(response, 400, '1.0', {
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message: `${target} is not served by the bench's instant DynamoDB`,
    });
  }
}

/** PutEvents as EventBridge answers it when every entry is accepted (AWS JSON 1.1). */
function putEvents(
  bus: { events: number },
  counters: EndpointCounters,
  request: IncomingMessage,
  body: string,
  response: ServerResponse,
) {
  if (request.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
    answer(response, 400, '1.1', {
      __type: 'UnknownOperationException',
      message: 'only PutEvents is served here',
    });
    return;
  }
  const { Entries = [] } = JSON.parse(body || '{}') as {
    Entries?: Parameters<typeof eventBridgeEntryBytes>[0][];
  };
  bus.events += Entries.length;
  counters.entries = (counters.entries ?? 0) + Entries.length;
  counters.entryBytes =
    (counters.entryBytes ?? 0) +
    Entries.reduce((sum, entry) => sum + eventBridgeEntryBytes(entry), 0);
  answer(response, 200, '1.1', {
    FailedEntryCount: 0,
    Entries: Entries.map(() => ({ EventId: randomUUID() })),
  });
}

/** SSM's GetParameter for the one parameter the callback reads, signature checked as SSM does. */
async function getParameter(
  job: ServersJob,
  signing: Pick<ServersJob, 'region' | 'credentials'>,
  request: IncomingMessage,
  body: string,
  response: ServerResponse,
) {
  const received = { path: request.url ?? '/', headers: request.headers, body };
  if (!(await signatureIsValid(received, { service: 'ssm', ...signing }))) {
    answer(response, 400, '1.1', {
      __type: 'InvalidSignatureException',
      message: 'signature does not match',
    });
    return;
  }
  const { Name } = JSON.parse(body || '{}') as { Name?: string };
  if (request.headers['x-amz-target'] !== 'AmazonSSM.GetParameter' || Name !== job.parameter.name) {
    answer(response, 400, '1.1', {
      __type: 'ParameterNotFound',
      message: `parameter ${Name} not found`,
    });
    return;
  }
  answer(response, 200, '1.1', {
    Parameter: { Name, Type: 'SecureString', Value: job.parameter.value, Version: 1 },
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
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

main(JSON.parse(process.argv[2] ?? '{}') as ServersJob).catch((error: unknown) => {
  console.error('bench servers:', error);
  process.exit(1);
});
