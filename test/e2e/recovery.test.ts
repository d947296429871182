import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { fromItem } from '../../lib/aws/dynamodb-attributes';
import { RECORDING_EVENT_DETAIL_TYPE } from '../../lib/events/kinds/recording';
import { localDynamoDbClient } from '../../scripts/local/servers';
import { serviceNames } from '../../scripts/local/service-config';
import { uniqueStreamId } from '../support/fixtures';
import { detailOf, entriesOfStream, subscriberLines, useLocalStack } from '../support/local-stack';
import { runNpmScript, type ScriptRun } from '../support/npm-script';
import { waitUntil } from '../support/wait';
import { UNREACHABLE_ENDPOINT } from '../support/ports';

// The recovery issue's promise, end to end: the receiver is down while Tencent delivers a push,
// Tencent retries every callback 12 times and gives up; once the receiver is back,
// `npm run reconcile -- --since 1h` recovers every callback from Tencent's history, and the
// subscriber sees each event once.
const KEY = 'E2eRecoveryKey0123456789';
const DOMAIN = 'down.example.com';
const STREAM = uniqueStreamId('outage').replaceAll(/[^A-Za-z0-9_.-]/g, '-');
const FILES = 2;
/** Where nothing listens: the receiver is down. */
const DOWN = `${UNREACHABLE_ENDPOINT}/callback`;

const local = useLocalStack(KEY);
let setups: ScriptRun[];
let simulate: ScriptRun;
let reconcile: ScriptRun;
let again: ScriptRun;

const ourEntries = () => entriesOfStream(local, STREAM);
const ourSubscriberLines = () => subscriberLines(local, `${STREAM}/`);

beforeAll(async () => {
  const down = await runNpmScript(
    'tencent',
    ['setup', '--domain', DOMAIN, '--url', DOWN],
    local.env,
  );
  simulate = await runNpmScript(
    'simulate',
    ['--domain', DOMAIN, '--stream', STREAM, '--files', String(FILES), '--speed', '6000'],
    local.env,
  );
  // The receiver is back: the template points at the local stack again.
  const back = await runNpmScript('tencent', ['setup', '--domain', DOMAIN], local.env);
  setups = [down, back];

  reconcile = await runNpmScript('reconcile', ['--since', '1h'], local.env, 120_000);
  again = await runNpmScript('reconcile', ['--since', '1h'], local.env, 120_000);
  // Both runs have published what they publish: the tap has it all once it settles. The
  // subscriber prints after the bus hands it an event: poll for its lines.
  await local.tap?.settle();
  await waitUntil(() => ourSubscriberLines().length >= FILES);
}, 300_000);

it('sees Tencent give up on every callback while the receiver is down', () => {
  expect(setups.map((run) => run.code)).toEqual([0, 0]);
  expect(simulate.code).toBe(1);
  expect(simulate.stdout).toMatch(/given up/);
});

it('recovers every callback from Tencent’s history, storing each recording once', async () => {
  expect(reconcile.code).toBe(0);
  expect(reconcile.stdout).toMatch(/recovered \(stored and published\): [1-9]\d*/);
  const client = localDynamoDbClient(`http://127.0.0.1:${local.ports.dynamoDb}`);
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: serviceNames(local.config).tableName,
      KeyConditionExpression: 'stream_id = :s',
      ExpressionAttributeValues: { ':s': { S: STREAM } },
      ConsistentRead: true,
    }),
  );
  client.destroy();
  const recordings = Items.map(fromItem);

  expect(recordings).toHaveLength(FILES);
  for (const item of recordings) {
    expect(item).toMatchObject({ version: 1, received_via: 'history' });
  }
});

it('announces each recovered callback once, and the subscriber prints each recording once', () => {
  const entries = ourEntries();
  const keys = entries.map((entry) => `${detailOf(entry).id}@${detailOf(entry).version}`);
  const recordings = entries.filter((entry) => entry.DetailType === RECORDING_EVENT_DETAIL_TYPE);

  expect(recordings).toHaveLength(FILES);
  expect(new Set(keys).size).toBe(keys.length);
  expect(ourSubscriberLines()).toHaveLength(FILES);
});

it('tells the deliveries in Tencent’s history from the callbacks they carry, and counts each callback once', () => {
  const [, deliveries, callbacks] =
    /^Tencent's history: (\d+) deliveries of (\d+) callbacks$/m.exec(reconcile.stdout) ?? [];

  // Tencent retried every callback before it gave up: each is several deliveries.
  expect(Number(deliveries)).toBeGreaterThan(Number(callbacks));
  expect(reconcile.stdout).toContain(`  recovered (stored and published): ${callbacks}\n`);
  expect(again.stdout).toContain(
    `Tencent's history: ${deliveries} deliveries of ${callbacks} callbacks\n`,
  );
  expect(again.stdout).toContain(`  verified by an earlier run: ${callbacks}\n`);
});

it('changes nothing when run again: everything is held and verified', () => {
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/recovered \(stored and published\): 0/);
  expect(again.stdout).toMatch(/replaced by Tencent's content \(published again\): 0/);
});

it('prints no secret', () => {
  const printed = [reconcile, again].map(({ stdout, stderr }) => stdout + stderr).join('\n');

  expect(printed).not.toContain(KEY);
});
