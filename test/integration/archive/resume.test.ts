import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'node:child_process';
import { vodDigest } from '../../../fakes/local-vod';
import { archiveRecording } from '../../../lib/archive/archive-recording';
import { OutOfTimeError } from '../../../lib/archive/errors';
import {
  ARCHIVE_BUCKET,
  archivedEvents,
  archiverDeps,
  createdEvent,
  MIB,
  sha256,
  storeRecording,
  useArchiveServers,
} from '../../support/archive';
import { eventsTableOf } from '../../support/local-dynamodb';
import { FAKE_AWS_CREDENTIALS as TEST_CREDENTIALS } from '../../../fakes/credentials';
import { TEST_BUS } from '../../support/load-handler';
import { useLocalAws } from '../../support/local-aws';
import { readItem } from '../../support/table';
import { PROJECT_DIR } from '../../support/project';
import { waitUntil } from '../../support/wait';

/*
 * Resuming: an attempt killed, or out of time, leaves its progress on the item, and the next one
 * asks the source for the rest only. "The cost of a resumed copy is the bytes not yet copied."
 */
const aws = useLocalAws();
const servers = useArchiveServers();

type Progress = { bytes: number; parts?: unknown[]; lease_until: string; upload_id?: string };

async function aRecordedFile(size: number) {
  const path = `/vod/${Date.now()}-${Math.random().toString(16).slice(2)}/f0.flv`;
  const url = servers.vod.addFile(path, size);
  const stored = await storeRecording(aws, { video_url: url, file_size: size, file_format: 'flv' });
  return { path, stored, key: `${stored.key.stream_id}/${stored.key.file_id}.flv` };
}

const progressOf = async (key: Record<string, string>) =>
  (await readItem(aws.db, aws.tableName, key as { stream_id: string; file_id: string }))
    ?.archive_progress as Progress | undefined;

/** The archive as the function wires it, with the test's clock and 5 MiB parts. */
const archiver = (timeLeftMs: () => number, settings = {}) =>
  archiverDeps(aws, servers, { timeLeftMs, settings: { partSize: 5 * MIB, ...settings } });

it('resumes a copy killed half-way, downloading only what the killed attempt had not saved', async () => {
  const size = 64 * MIB + 777;
  const { path, stored, key } = await aRecordedFile(size);
  // The source stops after 40 MiB: two 16 MiB parts are uploaded and saved, the third is not.
  servers.vod.fault(path, { kind: 'hold', afterBytes: 40 * MIB }, 1);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/archive-child.ts', JSON.stringify(createdEvent(stored))],
    {
      cwd: PROJECT_DIR,
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: aws.db.endpoint,
        AWS_ENDPOINT_URL_EVENTBRIDGE: aws.bus.endpoint,
        AWS_ENDPOINT_URL_S3: servers.s3.endpoint,
        TABLE_NAME: aws.tableName,
        EVENTS_TABLE_NAME: eventsTableOf(aws.tableName),
        EVENT_BUS_NAME: TEST_BUS,
        ARCHIVE_BUCKET,
        POWERTOOLS_SERVICE_NAME: 'tencent-css-recordings-test-archive',
        POWERTOOLS_METRICS_DISABLED: 'true',
        POWERTOOLS_TRACE_ENABLED: 'false',
      },
    },
  );
  const exited = new Promise((done) => child.once('exit', done));
  const saved = await waitUntil(
    async () => ((await progressOf(stored.key))?.parts?.length ?? 0) >= 2,
  );
  expect(saved).toBe(true);
  child.kill('SIGKILL');
  await exited;
  servers.vod.release();

  const progress = (await progressOf(stored.key)) as Progress;
  expect(progress.bytes).toBe(32 * MIB);
  // Its lease runs on after the kill: time passes until it has.
  await aws.db.client.send(
    new UpdateItemCommand({
      TableName: aws.tableName,
      Key: {
        stream_id: { S: stored.key.stream_id ?? '' },
        file_id: { S: stored.key.file_id ?? '' },
      },
      UpdateExpression: 'SET archive_progress.lease_until = :past',
      ExpressionAttributeValues: { ':past': { S: new Date(Date.now() - 1000).toISOString() } },
    }),
  );
  const served = servers.vod.requests.length;

  const result = await archiveRecording(
    archiver(() => 900_000, { partSize: 16 * MIB }),
    stored.key,
  );

  expect(result).toMatchObject({ outcome: 'archived', archive: { bytes: size } });
  expect(sha256(await servers.s3.read(ARCHIVE_BUCKET, key))).toBe(vodDigest(path, size));
  const resumed = servers.vod.requests.slice(served);
  expect(resumed).toEqual([
    { path, range: `bytes=${32 * MIB}-`, status: 206, bytes: size - 32 * MIB, signed: false },
  ]);
  expect(archivedEvents(aws.bus.accepted, stored.id)).toHaveLength(1);
}, 120_000);

it('saves and fails an attempt out of time; the next continues from its last part', async () => {
  const size = 23 * MIB;
  const { path, stored, key } = await aRecordedFile(size);
  // The source pauses in the third part; the time runs short meanwhile; then the source goes on.
  servers.vod.fault(path, { kind: 'hold', afterBytes: 12 * MIB }, 1);
  let timeLeftMs = 900_000;
  const attempt = archiveRecording(
    archiver(() => timeLeftMs),
    stored.key,
  );
  expect(
    await waitUntil(async () => ((await progressOf(stored.key))?.parts?.length ?? 0) >= 2),
  ).toBe(true);
  timeLeftMs = 60_000;
  servers.vod.release();

  await expect(attempt).rejects.toThrow(OutOfTimeError);

  const progress = (await progressOf(stored.key)) as Progress;
  // The part it was reading when time ran short is uploaded; it starts no other.
  expect(progress.bytes).toBe(15 * MIB);
  expect(Date.parse(progress.lease_until)).toBeLessThanOrEqual(Date.now());
  expect(await servers.s3.head(ARCHIVE_BUCKET, key)).toBeUndefined();
  expect(archivedEvents(aws.bus.accepted, stored.id)).toEqual([]);
  const served = servers.vod.requests.length;

  await expect(
    archiveRecording(
      archiver(() => 900_000),
      stored.key,
    ),
  ).resolves.toMatchObject({
    outcome: 'archived',
  });
  expect(sha256(await servers.s3.read(ARCHIVE_BUCKET, key))).toBe(vodDigest(path, size));
  expect(servers.vod.requests.slice(served)).toEqual([
    expect.objectContaining({ range: `bytes=${progress.bytes}-`, bytes: size - progress.bytes }),
  ]);
  expect(archivedEvents(aws.bus.accepted, stored.id)).toHaveLength(1);
});
