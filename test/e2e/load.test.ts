import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { fromItem } from '../../lib/aws/dynamodb-attributes';
import { subscriberLines, useLocalStack } from '../support/local-stack';
import { EVENT_SOURCE } from '../../lib/record/record';
import {
  RECORDING_EVENT_DETAIL_TYPE,
  type RecordingFileCreatedDetail,
} from '../../lib/events/kinds/recording';
import { summariseRecording } from '../../lib/events/summarise';
import { runLoad, type LoadFigures } from '../../scripts/load/load-test';
import { localDynamoDbClient } from '../../scripts/local/servers';
import { serviceNames, type ServiceNames } from '../../scripts/local/service-config';
import { uniqueStreamId } from '../support/fixtures';
import type { PutEventsEntry } from '../../fakes/eventbridge';
import { waitUntil } from '../support/wait';

// Issue 4: `npm start` on free local.ports takes a burst of 500 signed callbacks over its HTTP API,
// 25 at a time, 100 of them redeliveries of others (re-signed, as Tencent retries), and ends
// with exactly one item and one event per distinct recording.
const KEY = 'LoadCallbackKey0123456789';
const RUN_ID = uniqueStreamId('load');
const TOTAL = 500;
const DISTINCT = 400;

let names: ServiceNames;
let figures: LoadFigures;

const local = useLocalStack(KEY);

beforeAll(async () => {
  names = serviceNames(local.config);
  figures = await runLoad({
    url: `http://localhost:${local.ports.http}/callback`,
    key: KEY,
    runId: RUN_ID,
    total: TOTAL,
    streams: 50,
    duplicateRatio: 0.2,
    concurrency: 25,
  });
  // Every callback was answered, so every event was sent: the tap has them all once it settles.
  // The subscriber prints after the bus hands it an event: poll for its lines.
  await local.tap?.settle();
  await waitUntil(() => ourSubscriberLines().length >= DISTINCT);
}, 300_000);

const expectedIds = () => figures.recordings.map(({ streamId, fileId }) => `${streamId}/${fileId}`);

/** How `ids` differ from one each of the burst's distinct recordings: all empty when they do not. */
function compareWithExpected(ids: readonly string[]) {
  const expected = new Set(expectedIds());
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return {
    missing: [...expected].filter((id) => !counts.has(id)),
    duplicated: [...counts].filter(([id, count]) => expected.has(id) && count > 1),
    unexpected: [...counts.keys()].filter((id) => !expected.has(id)),
  };
}

const EXACTLY_ONE_EACH = { missing: [], duplicated: [], unexpected: [] };

function detailOf(entry: PutEventsEntry): RecordingFileCreatedDetail | undefined {
  try {
    return JSON.parse(entry.Detail ?? '') as RecordingFileCreatedDetail;
  } catch {
    return undefined;
  }
}

/** The PutEvents entries of this burst, as the publisher sent them. */
function ourEntries(): PutEventsEntry[] {
  return (local.tap?.entries ?? []).filter((entry) =>
    detailOf(entry)?.id?.startsWith(`${RUN_ID}-`),
  );
}

/** The example subscriber's lines about this burst's recordings. */
function ourSubscriberLines(): string[] {
  return subscriberLines(local, `${RUN_ID}-`);
}

async function queryStream(streamId: string): Promise<Record<string, unknown>[]> {
  const client = localDynamoDbClient(`http://127.0.0.1:${local.ports.dynamoDb}`);
  const items: Record<string, unknown>[] = [];
  try {
    let start: Record<string, AttributeValue> | undefined;
    // A stream holds 8 small items: one page; the bound only guards against a runaway loop.
    for (let page = 0; page < 10; page++) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: names.tableName,
          KeyConditionExpression: 'stream_id = :stream',
          ExpressionAttributeValues: { ':stream': { S: streamId } },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...Items.map(fromItem));
      start = LastEvaluatedKey;
      if (!start) break;
    }
  } finally {
    client.destroy();
  }
  return items;
}

describe('a burst of 500 signed callbacks, 20% redeliveries, 25 at a time, through npm start', () => {
  it('sends 400 distinct recordings over 50 streams and 100 redeliveries', () => {
    expect(figures).toMatchObject({ total: TOTAL, distinct: DISTINCT, duplicates: 100 });
    expect(new Set(figures.recordings.map(({ streamId }) => streamId)).size).toBe(50);
  });

  it('answers every callback 200 {"code":0}', () => {
    // A 200 with another body is serverless-offline answering for a Lambda that failed or
    // timed out: the problems say which. (Saving a .ts or .js file of the project during the run
    // does that: serverless-esbuild rebuilds and serverless-offline stops every handler, busy or not.)
    expect({ statuses: figures.statuses, problems: figures.problems }).toEqual({
      statuses: { '200': TOTAL },
      problems: [],
    });
  });

  it('stores exactly one item per distinct recording, at version 1 and published', async () => {
    const streams = [...new Set(figures.recordings.map(({ streamId }) => streamId))];
    const items = (await Promise.all(streams.map(queryStream))).flat();
    const idOf = (item: Record<string, unknown>) =>
      `${String(item.stream_id)}/${String(item.file_id)}`;

    expect(items).toHaveLength(DISTINCT);
    expect(compareWithExpected(items.map(idOf))).toEqual(EXACTLY_ONE_EACH);
    expect({
      notVersion1: items.filter((item) => item.version !== 1).map(idOf),
      unpublished: items
        .filter((item) => typeof item.published_at !== 'string' || 'publish_pending' in item)
        .map(idOf),
    }).toEqual({ notVersion1: [], unpublished: [] });
  });

  it('publishes exactly one Recording File Created event per distinct recording, on the service bus', () => {
    const entries = ourEntries();
    const details = entries.map((entry) => detailOf(entry)!);

    // A duplicate here with one callback behind it would be the SDK retrying a PutEvents that the
    // bus took but answered after the publisher's request timeout: npm start gives its functions
    // LOCAL_AWS_TIMEOUT_MS so that a busy machine only makes answers slow.

    expect(compareWithExpected(details.map(({ id }) => id))).toEqual(EXACTLY_ONE_EACH);
    expect(entries).toHaveLength(DISTINCT);
    expect(details.filter(({ version }) => version !== 1)).toEqual([]);
    expect(
      entries.filter(
        (entry) =>
          entry.EventBusName !== names.eventBusName ||
          entry.Source !== EVENT_SOURCE ||
          entry.DetailType !== RECORDING_EVENT_DETAIL_TYPE,
      ),
    ).toEqual([]);
  });

  it('has the example subscriber print exactly one line per distinct recording', () => {
    const lines = ourSubscriberLines();
    const summaries = new Map(
      ourEntries().map((entry) => {
        const detail = detailOf(entry)!;
        return [detail.id, summariseRecording(detail)];
      }),
    );
    const idOfLine = (line: string) => /^Recording (\S+) v\d+: /.exec(line)?.[1] ?? line;

    expect(compareWithExpected(lines.map(idOfLine))).toEqual(EXACTLY_ONE_EACH);
    expect(lines).toHaveLength(DISTINCT);
    // Each line is the summary of the event as published, not just a line naming its id.
    expect(lines.filter((line) => summaries.get(idOfLine(line)) !== line)).toEqual([]);
  });
});
