import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { backfill, drainDeadLetters } from '../../../lib/archive/backfill';
import { ArchiveStorageError } from '../../../lib/archive/errors';
import { DynamoDbArchiveCandidates } from '../../../lib/aws/dynamodb-archive-candidates';
import { SqsDeadLetters } from '../../../lib/aws/sqs-dead-letters';
import type { ItemKey } from '../../../lib/record/record';
import {
  ARCHIVE_BUCKET,
  archiverDeps,
  createdEvent,
  recordingEndedAt,
  useArchiveServers,
} from '../../support/archive';
import { uniqueStreamId } from '../../support/fixtures';
import { FAKE_AWS_CREDENTIALS as TEST_CREDENTIALS } from '../../../fakes/credentials';
import { useLocalAws } from '../../support/local-aws';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs';
import { UNREACHABLE_ENDPOINT } from '../../support/ports';

/* What `npm run archive` runs: the recordings of a window, and the dead-letter queue. */
const aws = useLocalAws();
const servers = useArchiveServers();
let sqs: LocalSqs;

beforeAll(async () => {
  sqs = await startLocalSqs();
});

afterAll(async () => {
  await sqs.stop();
});

const local = { region: 'us-east-1', credentials: TEST_CREDENTIALS };
const deps = () => archiverDeps(aws, servers);

/** A recording of `stream` that ended at `endTime` (Unix seconds), its file on the local VOD. */
const recording = (stream: string, fileId: string, endTime: number) =>
  recordingEndedAt(aws, servers.vod, { stream, fileId, endTime });

const collect = async (keys: AsyncIterable<ItemKey>) => {
  const all: ItemKey[] = [];
  for await (const key of keys) all.push(key);
  return all.sort((a, b) =>
    `${a.stream_id}${a.file_id}`.localeCompare(`${b.stream_id}${b.file_id}`),
  );
};

describe('the recordings still to archive', () => {
  it('are those of the window without an archive, or with a copy left unfinished', async () => {
    const [one, two] = [uniqueStreamId('backfill'), uniqueStreamId('backfill')];
    const t = 1_800_000_000;
    await recording(one, 'in', t);
    await recording(one, 'before', t - 7200);
    const archived = await recording(two, 'archived', t);
    await recording(two, 'unfinished', t);
    const candidates = new DynamoDbArchiveCandidates(aws.tableName, aws.db.client);
    const window = { since: new Date((t - 3600) * 1000), until: new Date((t + 1) * 1000) };
    await backfill({ ...deps(), candidates }, { ...window, streams: [two] });
    // A copy left behind by an attempt that stopped.
    await aws.db.client.send(
      new UpdateItemCommand({
        TableName: aws.tableName,
        Key: { stream_id: { S: two }, file_id: { S: 'archived' } },
        UpdateExpression: 'SET archive_progress = :p',
        ExpressionAttributeValues: { ':p': { M: { holder: { S: 'x' } } } },
      }),
    );

    expect(await collect(candidates.list({ ...window, streams: [one, two] }))).toEqual([
      { stream_id: one, file_id: 'in' },
      { stream_id: two, file_id: 'archived' },
    ]);
    const all = await collect(candidates.list(window));
    expect(all).toEqual(expect.arrayContaining([{ stream_id: one, file_id: 'in' }]));
    expect(all).not.toContainEqual({ stream_id: one, file_id: 'before' });
    expect(all).not.toContainEqual({ stream_id: two, file_id: 'unfinished' });
    expect(archived.id).toBe(`${two}/archived`);
  });

  it('says so when the table cannot be read', async () => {
    const candidates = new DynamoDbArchiveCandidates('no-such-table', aws.db.client);
    await expect(
      collect(candidates.list({ since: new Date(0), until: new Date() })),
    ).rejects.toThrow(ArchiveStorageError);
  });
});

describe('the dead-letter queue', () => {
  it('is drained: every recording in it archived, and its message deleted', async () => {
    const stream = uniqueStreamId('dead-letters');
    const stored = await recording(stream, 'dead', 1_800_000_000);
    sqs.send(JSON.stringify(createdEvent(stored)));
    const letters = new SqsDeadLetters(sqs.queueUrl, undefined, {
      endpoint: sqs.endpoint,
      ...local,
    });

    const dry = await drainDeadLetters({ ...deps(), letters }, { dryRun: true });
    expect(dry).toMatchObject({ found: 1, archived: 0 });
    expect(sqs.messages).toHaveLength(1);
    // Visible again at once: the drain run right after a dry run finds it.
    expect(sqs.messages[0]?.hiddenUntil).toBeLessThanOrEqual(Date.now());

    await expect(drainDeadLetters({ ...deps(), letters })).resolves.toEqual({
      found: 1,
      archived: 1,
      settled: 0,
      failed: 0,
    });
    expect(sqs.messages).toEqual([]);
    expect(await servers.s3.head(ARCHIVE_BUCKET, `${stream}/dead.mp4`)).toMatchObject({
      size: 1000,
    });
  });

  it('says so when the queue cannot be read', async () => {
    const letters = new SqsDeadLetters(`${sqs.endpoint}/x`, undefined, {
      endpoint: UNREACHABLE_ENDPOINT,
      ...local,
      maxAttempts: 1,
    });
    await expect(letters.receive(1)).rejects.toThrow(ArchiveStorageError);
  });
});

it('builds clients of its own when given none, as the command does', () => {
  expect(new DynamoDbArchiveCandidates('table')).toBeInstanceOf(DynamoDbArchiveCandidates);
  expect(new SqsDeadLetters(`${UNREACHABLE_ENDPOINT}/q`)).toBeInstanceOf(SqsDeadLetters);
});
