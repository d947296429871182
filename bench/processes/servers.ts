/**
 * The local AWS endpoints the benchmark's functions call, in a process of their own so that
 * serving them never runs on a measured process's event loop. All speak HTTPS with the run's
 * certificates (bench/certificates.ts), as DynamoDB, EventBridge and SSM do:
 *
 *   dynamodb   the tests' DynamoDB (fakes/dynamodb.ts, dynalite in memory): the cold starts and
 *              the republisher write here
 *   instant    a DynamoDB that answers PutItem, UpdateItem and Query at once, as if every write
 *              succeeded: the warm runs, which judge the handler's own time, write here
 *   events     the tests' EventBridge (fakes/eventbridge.ts): PutEvents, every entry accepted
 *   ssm        the tests' SSM (fakes/ssm.ts), serving the callback key (SecureString), the SigV4
 *              signature checked
 *   impostor   answers like all three, with a certificate from a root no one trusts: a process
 *              that verifies certificates never gets a request through
 *
 * The instant DynamoDB and the impostor are measuring devices, not fakes of a service: they live
 * here, the fakes in fakes/.
 *
 * Started by bench/measure.ts with an IPC channel and one JSON argument ({@link ServersJob});
 * stops when its parent disconnects (or dies). Every endpoint counts the requests it serves by
 * operation, and the time it spends on them.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { serviceTablesWithListings } from '../../lib/aws/tables';
import { recordingKind } from '../../lib/events/kinds/recording';
import { storeRecord } from '../../lib/outbox/store-record';
import { startLocalDynamoDb } from '../../fakes/dynamodb';
import { startLocalEventBridge } from '../../fakes/eventbridge';
import { recordingBody } from '../../fakes/fixtures';
import { close, createFakeServer, listen, readBody } from '../../fakes/http';
import { startLocalSsm } from '../../fakes/ssm';
import { ensureServiceTables } from '../../scripts/local/tables';
import { dynamoDbItemBytes, eventBridgeEntryBytes } from '../aws-sizes';
import type {
  EndpointCounters,
  EndpointName,
  ServersJob,
  ServersMessage,
  ServersRequest,
} from '../protocol';
import { trustCertificate } from '../trust-certificate';

/** Requests from this process's own clients (creating the tables, seeding, counting) are not counted. */
const OWN_USER_AGENT = 'tencent-css-bench-servers';

async function main(job: ServersJob): Promise<void> {
  if (!process.send) throw new Error('usage: started by bench/measure.ts, with IPC');
  const send = (message: ServersMessage) => process.send?.(message);
  // This process's own clients (SDK and AWS JSON) verify the endpoints' certificates too.
  trustCertificate(job.caPem);
  const tls = { key: job.key, cert: job.cert };

  const [dynamoDb, bus, ssm] = await Promise.all([
    startLocalDynamoDb({ tls }),
    startLocalEventBridge({ tls }),
    startLocalSsm({ tls, region: job.region, credentials: job.credentials }),
  ]);
  ssm.parameters.set(job.parameter.name, job.parameter.value);
  const counters = {} as Record<EndpointName, EndpointCounters>;
  const servers: Record<EndpointName, Server> = {
    dynamodb: dynamoDb.server,
    instant: createFakeServer(
      (request, response) =>
        void readBody(request).then((body) =>
          instantDynamoDb(counters.instant, request, body, response),
        ),
      tls,
    ),
    events: bus.server,
    ssm: ssm.server,
    impostor: createFakeServer(
      (request, response) => void readBody(request).then(() => answer(response, 200, '1.1', {})),
      job.impostor,
    ),
  };
  for (const [name, server] of Object.entries(servers) as [EndpointName, Server][]) {
    counters[name] = count(server);
  }
  bus.onAccepted = (entries) => {
    counters.events.entries = (counters.events.entries ?? 0) + entries.length;
    counters.events.entryBytes =
      (counters.events.entryBytes ?? 0) +
      entries.reduce((sum, entry) => sum + eventBridgeEntryBytes(entry), 0);
  };
  const [instant, impostor] = await Promise.all([
    listen(servers.instant),
    listen(servers.impostor),
  ]);
  const endpoints: Record<EndpointName, string> = {
    dynamodb: dynamoDb.endpoint,
    instant,
    events: bus.endpoint,
    ssm: ssm.endpoint,
    impostor,
  };
  const events = () => bus.accepted.length;

  const client = new DynamoDBClient({
    endpoint: dynamoDb.endpoint,
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
      send({ type: 'counters', counters: snapshot(), events: events() });
    } else if (message.type === 'stats') {
      void countItems(client, job.tableName).then((items) =>
        send({ type: 'stats', counters: snapshot(), events: events(), items }),
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
    void Promise.all([
      dynamoDb.stop(),
      bus.stop(),
      ssm.stop(),
      close(servers.instant),
      close(servers.impostor),
    ]).finally(() => process.exit(0));
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
