import {
  DynamoDBClient,
  GetItemCommand,
  type AttributeValue,
  type PutItemCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../lib/aws/clients';
import { serviceTables } from '../lib/aws/tables';
import recordingsDefinition from '../lib/aws/tables/recordings.json';
import { signCallback } from '../lib/callback/sign-callback';
import { createCallbackService } from '../lib/callback/service';
import type { Log } from '../lib/log';
import { FAKE_AWS_CREDENTIALS, FAKE_AWS_REGION } from '../fakes/credentials';
import { startLocalDynamoDb } from '../fakes/dynamodb';
import { FIXTURES, loadFixture } from '../fakes/fixtures';
import { ensureServiceTables } from '../scripts/local/tables';
import { dynamoDbItemBytes } from './aws-sizes';
import { writeUnits, type TableDefinition, type WriteUnits } from './write-units';

/*
 * What a recording costs in DynamoDB writes, measured on the service's own code against dynalite:
 * Tencent's documented recording callback goes through the callback's service (stored, published
 * to a bus that takes it, marked published), then the reconciler marks it verified, as Tencent's
 * history confirms it an hour later. Each write is billed as DynamoDB would bill it, from the item
 * as it was before and after (./write-units.ts).
 */

type Item = Record<string, AttributeValue>;

export interface BilledWrite {
  /** What the service did: `PutItem`, `UpdateItem`. */
  operation: string;
  /** Why, in the report's words. */
  step: string;
  units: WriteUnits;
  /** The item's size after the write, as DynamoDB counts it. */
  itemBytes: number;
}

const KEY = 'BenchWriteCostKey0123456789';
const silent: Log = { debug() {}, info() {}, warn() {}, error() {}, appendKeys() {} };

export async function measureRecordingWrites(): Promise<BilledWrite[]> {
  const dynamoDb = await startLocalDynamoDb();
  const connection = {
    endpoint: dynamoDb.endpoint,
    region: FAKE_AWS_REGION,
    credentials: FAKE_AWS_CREDENTIALS,
  };
  const names = { tableName: 'bench-recordings', eventsTableName: 'bench-events' };
  const reader = new DynamoDBClient(connection);
  const client = createDynamoDbClient(connection);
  const writes: BilledWrite[] = [];
  const steps: string[] = [];
  try {
    await ensureServiceTables(reader, names);
    billWrites(client, reader, names.tableName, recordingsDefinition as TableDefinition, (write) =>
      writes.push({ ...write, step: steps.shift() ?? 'unexpected' }),
    );
    const tables = serviceTables({ ...names, highVolumeRetentionDays: 30 }, client);
    const handleCallback = createCallbackService({
      ...tables,
      keys: { keys: async () => [KEY] },
      publisher: { publish: async (events) => events.map(() => ({ ok: true }) as const) },
      log: silent,
    });
    const body = loadFixture(FIXTURES.documented);

    steps.push('the callback stores the recording (pending, waiting for verification)');
    steps.push('the callback marks it published, once the bus has the event');
    const result = await handleCallback({ body: JSON.stringify(signCallback(body, KEY)) });
    if (!result.published) throw new Error('the measured callback was not published');

    steps.push("the reconciler marks it verified, once Tencent's history confirms it");
    const stored = await tables.stores.recordings.get(result.key);
    if (!stored) throw new Error('the measured recording was not stored');
    await tables.stores.recordings.markVerified(
      stored.key,
      stored.contentHash,
      new Date().toISOString(),
    );
    return writes;
  } finally {
    client.destroy();
    reader.destroy();
    await dynamoDb.stop();
  }
}

/**
 * Bills every write `client` sends to `tableName`: reads the item before and after it (with
 * `reader`, consistently) and applies DynamoDB's billing rules to the two.
 */
function billWrites(
  client: DynamoDBClient,
  reader: DynamoDBClient,
  tableName: string,
  definition: TableDefinition,
  onWrite: (write: Omit<BilledWrite, 'step'>) => void,
): void {
  const keyNames = definition.KeySchema.map(({ AttributeName = '' }) => AttributeName);
  const read = async (Key: Item) =>
    (await reader.send(new GetItemCommand({ TableName: tableName, Key, ConsistentRead: true })))
      .Item;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName).replace(/Command$/, '');
      const input = args.input as Partial<PutItemCommandInput & UpdateItemCommandInput>;
      if (!['PutItem', 'UpdateItem', 'DeleteItem'].includes(operation)) return next(args);
      if (input.TableName !== tableName) return next(args);
      const source = input.Key ?? input.Item ?? {};
      const key = Object.fromEntries(
        keyNames.map((name) => [name, source[name] as AttributeValue]),
      );
      const before = await read(key);
      const output = await next(args);
      const after = await read(key);
      onWrite({
        operation,
        units: writeUnits(definition, before, after),
        itemBytes: after ? dynamoDbItemBytes(after) : 0,
      });
      return output;
    },
    { step: 'initialize', name: 'billWrites' },
  );
}
