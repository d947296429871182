import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startLocalCloudFormation,
  type LocalCloudFormation,
} from '../../../../fakes/cloudformation';
import { FAKE_AWS_CREDENTIALS } from '../../../../fakes/credentials';
import { startLocalS3, type LocalS3 } from '../../../../fakes/local-s3';
import { startLocalVod, type LocalVod } from '../../../../fakes/local-vod';
import { startLocalSsm, type LocalSsm } from '../../../../fakes/ssm';
import { archiveCommand } from '../../../../scripts/commands/archive';
import type { ArchiveHooks } from '../../../../scripts/archive/run-archive';
import type { LocalStackState } from '../../../../scripts/local/state';
import { LOCAL_CREDENTIALS } from '../../../../scripts/local/settings';
import { ensureServiceTables } from '../../../../scripts/local/tables';
import type { StoredRecord } from '../../../../lib/record/record';
import { archivedEvents, createdEvent, recordingEndedAt } from '../../../support/archive';
import { uniqueStreamId } from '../../../support/fixtures';
import { useLocalAws } from '../../../support/local-aws';
import { startLocalSqs, type LocalSqs } from '../../../support/local-sqs';
import { runCommand } from '../../../support/run-command';
import { UNREACHABLE_ENDPOINT } from '../../../support/ports';
import { writeRunningStack } from '../../../support/running-stack';

/*
 * `npm run archive` in this process, against real local servers: a deployed stage (prod) whose
 * stack outputs come from a local CloudFormation, its table from dynalite, its bus from the local
 * EventBridge, its bucket from the local S3, its dead-letter queue from a local SQS and its hotlink
 * key from a local SSM, all found through the SDK's AWS_ENDPOINT_URL_* variables; and the local
 * stack (`npm start`), found through its state file. The recordings' files are on the local VOD.
 */
const aws = useLocalAws();
const STAGE = 'prod';
const STACK = `tencent-css-recordings-${STAGE}`;
const TABLE = `${STACK}-recordings`;
const BUS = STACK;
const BUCKET = 'tencent-css-recordings-prod-archivebucket-1a2b3c4d';
const HOTLINK_PARAMETER = `/tencent-css-recordings/${STAGE}/vod-hotlink-key`;
const HOTLINK_KEY = 'HotlinkKey1234567';

let s3: LocalS3;
let vod: LocalVod;
let sqs: LocalSqs;
let cloudFormation: LocalCloudFormation;
let ssm: LocalSsm;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-command-'));
  [s3, vod, sqs, cloudFormation, ssm] = await Promise.all([
    startLocalS3({ buckets: [BUCKET], credentials: [FAKE_AWS_CREDENTIALS, LOCAL_CREDENTIALS] }),
    startLocalVod(),
    startLocalSqs(),
    startLocalCloudFormation(),
    startLocalSsm(),
  ]);
  await ensureServiceTables(aws.db.client, {
    tableName: TABLE,
    eventsTableName: `${STACK}-events`,
  });
});

afterAll(async () => {
  await Promise.all([
    s3?.stop(),
    vod?.stop(),
    sqs?.stop(),
    cloudFormation?.stop(),
    ssm?.stop(),
    rm(dir, { recursive: true, force: true }),
  ]);
});

beforeEach(() => {
  cloudFormation.stacks.clear();
  cloudFormation.stacks.set(STACK, {
    ArchiveBucketName: BUCKET,
    ArchiveDeadLetterQueueUrl: sqs.queueUrl,
  });
  ssm.parameters.clear();
  vod.hotlinkKey = undefined;
  sqs.messages.length = 0;
  // The SDK's own variables: what a deployed stage's clients would reach, here local servers.
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: aws.db.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: aws.bus.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.endpoint,
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
    LOCAL_STATE_FILE: join(dir, 'no-stack.json'),
  });
});

/** Runs `npm run archive -- <args>` in this process; nothing it prints may hold the hotlink key. */
function archive(...args: string[]) {
  return archiveWith({ sleep: async () => undefined }, ...args);
}

async function archiveWith(hooks: ArchiveHooks, ...args: string[]) {
  const result = await runCommand(archiveCommand, args, { env: { ...process.env }, hooks });
  expect(`${result.out}\n${result.err}`).not.toContain(HOTLINK_KEY);
  return result;
}

/** A line as a pattern: a string must be the whole text. */
function wholly(line: string | RegExp): RegExp {
  return typeof line === 'string'
    ? new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
    : line;
}

/** Times of each test's own: a window (an hour of its own day) that holds only its recordings. */
let day = 0;
function aWindow() {
  const since = Date.UTC(2026, 10, 1) / 1000 + ++day * 86_400;
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  return {
    endTime: since + 600,
    args: ['--since', iso(since), '--until', iso(since + 3600)],
  };
}

/** A recording of `stream` that ended at `endTime`, its 1,000-byte file on the local VOD. */
const recording = (stream: string, fileId: string, endTime: number) =>
  recordingEndedAt({ ...aws, tableName: TABLE }, vod, { stream, fileId, endTime });

async function itemOf(stored: StoredRecord) {
  const { Item } = await aws.db.client.send(
    new GetItemCommand({
      TableName: TABLE,
      Key: {
        stream_id: { S: stored.key.stream_id ?? '' },
        file_id: { S: stored.key.file_id ?? '' },
      },
    }),
  );
  return Item;
}

const objectOf = (stored: StoredRecord) =>
  s3.head(BUCKET, `${stored.key.stream_id ?? ''}/${stored.key.file_id ?? ''}.mp4`);

describe('on a deployed stage, a window', () => {
  it('is archived: what has no archive is copied, recorded and announced, a line each, then a summary', async () => {
    const { endTime, args } = aWindow();
    const stream = uniqueStreamId('backfill');
    const [first, second] = [
      await recording(stream, 'first', endTime),
      await recording(stream, 'second', endTime + 60),
    ];
    const outside = await recording(stream, 'outside', endTime + 7200);

    const { code, out, err } = await archive(...args, '--stage', STAGE);

    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain(
      `Archive of stage prod in us-east-1: bucket ${BUCKET}, table ${TABLE}, bus ${BUS}`,
    );
    expect(out).toContain(
      `VOD hotlink key: none (SSM parameter ${HOTLINK_PARAMETER} does not exist; URLs are not signed)`,
    );
    expect(out).toContain(
      `  ${stream}/first: archived, s3://${BUCKET}/${stream}/first.mp4 (1,000 bytes)`,
    );
    expect(out).toContain(
      `  ${stream}/second: archived, s3://${BUCKET}/${stream}/second.mp4 (1,000 bytes)`,
    );
    expect(out.split('\n').at(-1)).toBe(
      '2 recordings to archive: 2 archived, 0 with nothing left to do, 0 failed.',
    );
    for (const stored of [first, second]) {
      expect(await objectOf(stored)).toMatchObject({ size: 1000 });
      expect((await itemOf(stored))?.archive?.M?.uri?.S).toBe(`s3://${BUCKET}/${stored.id}.mp4`);
      expect(archivedEvents(aws.bus.accepted, stored.id)).toHaveLength(1);
    }
    expect(
      aws.bus.accepted
        .filter((entry) => entry.DetailType === 'Recording File Archived')
        .every((entry) => entry.EventBusName === BUS),
    ).toBe(true);
    expect(await objectOf(outside)).toBeUndefined();
  });

  it('run again, finds nothing left to archive', async () => {
    const { endTime, args } = aWindow();
    const stream = uniqueStreamId('again');
    await recording(stream, 'once', endTime);
    await archive(...args, '--stage', STAGE);
    const events = aws.bus.accepted.length;

    const { code, out } = await archive(...args, '--stage', STAGE);

    expect(code).toBe(0);
    expect(out.split('\n').at(-1)).toBe(
      '0 recordings to archive: 0 archived, 0 with nothing left to do, 0 failed.',
    );
    expect(aws.bus.accepted).toHaveLength(events);
  });

  it('with --dry-run, says what it would archive and changes nothing', async () => {
    const { endTime, args } = aWindow();
    const stream = uniqueStreamId('dry');
    const stored = await recording(stream, 'dry', endTime);
    const itemBefore = await itemOf(stored);
    const events = aws.bus.accepted.length;
    const served = vod.requests.length;

    const { code, out } = await archive(...args, '--stage', STAGE, '--dry-run');

    expect(code).toBe(0);
    expect(out).toMatch(/and have no archive \(dry run: nothing is changed\):$/m);
    expect(out).toContain(`  ${stream}/dry: would be archived`);
    expect(out.split('\n').at(-1)).toBe('1 recording to archive. Dry run: nothing was changed.');
    expect(await objectOf(stored)).toBeUndefined();
    expect(await itemOf(stored)).toEqual(itemBefore);
    expect(aws.bus.accepted).toHaveLength(events);
    expect(vod.requests).toHaveLength(served);
  });

  it('with --stream, archives those streams only', async () => {
    const { endTime, args } = aWindow();
    const [one, two, three] = [
      uniqueStreamId('one'),
      uniqueStreamId('two'),
      uniqueStreamId('three'),
    ];
    const stored = await Promise.all([
      recording(one, 'f', endTime),
      recording(two, 'f', endTime),
      recording(three, 'f', endTime),
    ]);

    const { code, out } = await archive(
      ...args,
      '--stream',
      one,
      '--stream',
      three,
      '--stage',
      STAGE,
    );

    expect(code).toBe(0);
    expect(out).toContain(`Recordings of streams ${one}, ${three} that ended from`);
    expect(out).toContain(`2 recordings to archive: 2 archived`);
    expect(await objectOf(stored[0])).toBeDefined();
    expect(await objectOf(stored[1])).toBeUndefined();
    expect(await objectOf(stored[2])).toBeDefined();
  });

  it.each([
    [
      404,
      /the source has no file at http:\/\/127\.0\.0\.1:\d+\/vod\/\S+\/gone\.mp4 \(404\): it may have been deleted from VOD$/,
    ],
    [
      403,
      /the source refused http:\/\/\S+\/gone\.mp4 \(403\): its VOD domain may have Key Hotlink Protection on/,
    ],
  ])(
    'counts a recording whose source answers %i, archives the others, and exits 1 saying how to retry',
    async (status, reason) => {
      const { endTime, args } = aWindow();
      const stream = uniqueStreamId('failing');
      const [before, gone, after] = [
        await recording(stream, 'a-before', endTime),
        await recording(stream, 'gone', endTime),
        await recording(stream, 'z-after', endTime),
      ];
      vod.fault(`/vod/${stream}/gone.mp4`, { kind: 'status', status });

      const { code, out, err } = await archive(...args, '--stage', STAGE);

      expect(code).toBe(1);
      const failed = out.split('\n').find((line) => line.startsWith(`  ${stream}/gone: FAILED: `));
      expect(failed).toMatch(reason);
      expect(out.split('\n').at(-1)).toBe(
        '3 recordings to archive: 2 archived, 0 with nothing left to do, 1 failed.',
      );
      expect(err).toBe(
        '1 recording of the window could not be archived (see its line above): fix the cause, ' +
          'then run the same command again (it archives only what has no archive yet)',
      );
      expect(await objectOf(before)).toBeDefined();
      expect(await objectOf(after)).toBeDefined();
      expect(await objectOf(gone)).toBeUndefined();
      expect((await itemOf(gone))?.archive).toBeUndefined();

      // Fixed, the same command archives what is left, and only that.
      vod.fault(`/vod/${stream}/gone.mp4`, undefined);
      const retried = await archive(...args, '--stage', STAGE);
      expect(retried.code).toBe(0);
      expect(retried.out.split('\n').at(-1)).toBe(
        '1 recording to archive: 1 archived, 0 with nothing left to do, 0 failed.',
      );
      expect(await objectOf(gone)).toMatchObject({ size: 1000 });
    },
  );

  it('waits for a copy another attempt holds (a run stopped with Ctrl-C), saying so once, then archives it', async () => {
    const { endTime, args } = aWindow();
    const stream = uniqueStreamId('held');
    const stored = await recording(stream, 'held', endTime);
    const key = {
      stream_id: { S: stored.key.stream_id ?? '' },
      file_id: { S: stored.key.file_id ?? '' },
    };
    const leaseUntil = (date: Date) =>
      aws.db.client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: key,
          UpdateExpression: 'SET archive_progress = :progress',
          ExpressionAttributeValues: {
            ':progress': {
              M: {
                holder: { S: 'the-stopped-run' },
                lease_until: { S: date.toISOString() },
                attempts: { N: '1' },
                started_at: { S: new Date().toISOString() },
                bytes: { N: '0' },
              },
            },
          },
        }),
      );
    await leaseUntil(new Date(Date.now() + 180_000));
    let waits = 0;

    const { code, out } = await archiveWith(
      {
        // The stopped run's lease passes while the command waits.
        sleep: async () => {
          if (++waits === 3) await leaseUntil(new Date(Date.now() - 1000));
        },
      },
      ...args,
      '--stage',
      STAGE,
    );

    expect(code).toBe(0);
    expect(waits).toBe(3);
    const lines = out.split('\n');
    const held = lines.indexOf(
      `  ${stream}/held: archived, s3://${BUCKET}/${stream}/held.mp4 (1,000 bytes)`,
    );
    expect(lines.filter((line) => line.includes('note: another attempt is copying'))).toHaveLength(
      1,
    );
    expect(lines[held - 1]).toMatch(
      /^ {4}note: another attempt is copying the next recording: waiting/,
    );
    expect(await objectOf(stored)).toMatchObject({ size: 1000 });
  });

  it("signs the source's URLs with the stage's hotlink key, never showing it", async () => {
    const { endTime, args } = aWindow();
    const stream = uniqueStreamId('hotlink');
    const stored = await recording(stream, 'signed', endTime);
    ssm.parameters.set(HOTLINK_PARAMETER, HOTLINK_KEY);
    vod.hotlinkKey = HOTLINK_KEY;

    const { code, out } = await archive(...args, '--stage', STAGE);

    expect(code).toBe(0);
    expect(out).toContain(
      `VOD hotlink key: from SSM parameter ${HOTLINK_PARAMETER} (URLs are signed)`,
    );
    expect(await objectOf(stored)).toMatchObject({ size: 1000 });
    expect(ssm.requests.at(-1)).toMatchObject({ name: HOTLINK_PARAMETER, withDecryption: true });
  });
});

describe('on a deployed stage, the dead-letter queue', () => {
  it('is drained: each recording archived, then its message deleted; a failure kept, visible again', async () => {
    const stream = uniqueStreamId('dead-letters');
    const { endTime } = aWindow();
    const [dead, failing] = [
      await recording(stream, 'dead', endTime),
      await recording(stream, 'failing', endTime),
    ];
    vod.fault(`/vod/${stream}/failing.mp4`, { kind: 'status', status: 404 });
    const failingEvent = JSON.stringify(createdEvent(failing));
    sqs.send(JSON.stringify(createdEvent(dead)));
    sqs.send(failingEvent);
    sqs.send('not an event');

    const { code, out, err } = await archive('--from-dead-letters', '--stage', STAGE);

    expect(code).toBe(1);
    expect(out).toContain(`Dead-letter queue: ${sqs.queueUrl}`);
    expect(out).toContain(
      `  ${stream}/dead: archived, s3://${BUCKET}/${stream}/dead.mp4 (1,000 bytes)`,
    );
    expect(out).toMatch(
      new RegExp(`^  ${stream}/failing: FAILED: the source has no file at `, 'm'),
    );
    expect(out).toMatch(/^ {2}message \S+: not a recording's event \(.*\); kept in the queue$/m);
    expect(out.split('\n').at(-1)).toBe(
      '3 messages in the dead-letter queue: 1 archived and 0 with nothing left to do (their messages deleted), 2 failed (their messages kept).',
    );
    expect(err).toBe(
      '2 messages of the dead-letter queue could not be archived and stay in it (see above): ' +
        'fix the cause, then run the same command again',
    );
    expect(await objectOf(dead)).toMatchObject({ size: 1000 });
    expect(sqs.messages.map((message) => message.body)).toEqual([failingEvent, 'not an event']);
    expect(sqs.messages.every((message) => message.hiddenUntil <= Date.now())).toBe(true);

    // Fixed, the same command at once finds the message kept, archives it and deletes it.
    vod.fault(`/vod/${stream}/failing.mp4`, undefined);
    sqs.messages.splice(1, 1);
    const retried = await archive('--from-dead-letters', '--stage', STAGE);
    expect(retried.code).toBe(0);
    expect(retried.out.split('\n').at(-1)).toBe(
      '1 message in the dead-letter queue: 1 archived and 0 with nothing left to do (their messages deleted), 0 failed (their messages kept).',
    );
    expect(sqs.messages).toEqual([]);
  });

  it('with --dry-run, lists the recordings and leaves every message, visible, and archives nothing', async () => {
    const stream = uniqueStreamId('dry-letters');
    const stored = await recording(stream, 'dead', aWindow().endTime);
    sqs.send(JSON.stringify(createdEvent(stored)));
    const events = aws.bus.accepted.length;

    const { code, out } = await archive('--from-dead-letters', '--dry-run', '--stage', STAGE);

    expect(code).toBe(0);
    expect(out).toContain(`  ${stream}/dead: would be archived`);
    expect(out.split('\n').at(-1)).toBe(
      '1 message in the dead-letter queue. Dry run: nothing was changed.',
    );
    expect(sqs.messages).toHaveLength(1);
    expect(sqs.messages[0]?.hiddenUntil).toBeLessThanOrEqual(Date.now());
    expect(await objectOf(stored)).toBeUndefined();
    expect(aws.bus.accepted).toHaveLength(events);
  });

  it('and a window, in one run: the queue first', async () => {
    const { endTime, args } = aWindow();
    const stream = uniqueStreamId('both');
    const [queued, windowed] = [
      await recording(stream, 'queued', endTime),
      await recording(stream, 'windowed', endTime),
    ];
    sqs.send(JSON.stringify(createdEvent(queued)));

    const { code, out } = await archive('--from-dead-letters', ...args, '--stage', STAGE);

    expect(code).toBe(0);
    expect(out).toMatch(
      /1 message in the dead-letter queue: 1 archived[^\n]*\nRecordings of every stream[^\n]*\n[^\n]*windowed: archived[^\n]*\n1 recording to archive: 1 archived/,
    );
    expect(await objectOf(queued)).toBeDefined();
    expect(await objectOf(windowed)).toBeDefined();
  });
});

describe('refuses in one line, and changes nothing,', () => {
  it.each([
    [
      'a stage deployed without the archive',
      () => cloudFormation.stacks.set(STACK, { CallbackUrl: 'https://example.com/callback' }),
      ['--since', '1d', '--stage', STAGE],
      'The archive is off for stage prod (stack tencent-css-recordings-prod has no ArchiveBucketName output): ' +
        'deploy it with npm run deploy -- --stage prod --region us-east-1 --param="archiveRecordings=true"',
    ],
    [
      'a stage not deployed',
      () => cloudFormation.stacks.clear(),
      ['--since', '1d', '--stage', STAGE],
      'Stack tencent-css-recordings-prod does not exist in us-east-1: deploy it first (npm run deploy -- --stage prod --region us-east-1)',
    ],
    [
      'no AWS credentials',
      () => {
        delete process.env.AWS_ACCESS_KEY_ID;
        delete process.env.AWS_SECRET_ACCESS_KEY;
        process.env.AWS_PROFILE = 'no-such-profile';
        process.env.AWS_EC2_METADATA_DISABLED = 'true';
      },
      ['--since', '1d', '--stage', STAGE],
      /^Could not read the outputs of stack tencent-css-recordings-prod in us-east-1: no AWS credentials \(.*\)\. Set AWS_PROFILE or the AWS_\* variables for the account, as for npm run deploy$/,
    ],
    [
      'a hotlink key parameter it cannot read',
      () => (process.env.AWS_ENDPOINT_URL_SSM = UNREACHABLE_ENDPOINT),
      ['--since', '1d', '--stage', STAGE],
      /^Could not read the VOD hotlink key \(SSM parameter \/tencent-css-recordings\/prod\/vod-hotlink-key\) in us-east-1: AWS is unreachable \(.*\)\. Check the network, or --region$/,
    ],
    [
      'a hotlink key parameter that holds no key',
      () => ssm.parameters.set(HOTLINK_PARAMETER, 'not a key!'),
      ['--since', '1d', '--stage', STAGE],
      `the parameter ${HOTLINK_PARAMETER} does not hold a VOD hotlink key (8 to 20 letters and digits, as the VOD console shows it under Key Hotlink Protection)`,
    ],
    [
      'a stage deployed without the archive, for its dead-letter queue',
      () => cloudFormation.stacks.set(STACK, { ArchiveBucketName: BUCKET }),
      ['--from-dead-letters', '--stage', STAGE],
      'The archive is off for stage prod (stack tencent-css-recordings-prod has no ArchiveDeadLetterQueueUrl output): ' +
        'deploy it with npm run deploy -- --stage prod --region us-east-1 --param="archiveRecordings=true"',
    ],
  ])('%s', async (_case, arrange, args, line) => {
    arrange();
    const events = aws.bus.accepted.length;

    const { code, out, err } = await archive(...args);

    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toMatch(wholly(line));
    expect(aws.bus.accepted).toHaveLength(events);
  });

  it.each([
    [
      'no --since nor --from-dead-letters',
      ['--stage', STAGE],
      /^Give --since \(where the window starts\), or --from-dead-letters/,
    ],
    [
      'a window the wrong way round',
      ['--since', '1h', '--until', '2h'],
      /^--until \(\S+\) is not after --since \(\S+\): the window runs from --since to --until\.$/m,
    ],
    [
      'a time that is not one',
      ['--since', 'last tuesday'],
      /^--since "last tuesday" is not a time/,
    ],
    [
      '--stream without a window',
      ['--from-dead-letters', '--stream', 'a'],
      /^--stream narrows a window: give --since too\.$/m,
    ],
    [
      '--until without a window',
      ['--from-dead-letters', '--until', '1h'],
      /^--until narrows a window: give --since too\.$/m,
    ],
  ])('exits 2 for %s, with the usage', async (_case, args, message) => {
    const described = cloudFormation.described.length;

    const { code, out, err } = await archive(...args);

    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(message);
    expect(err).toContain('Usage: npm run archive -- --since <time>');
    expect(cloudFormation.described).toHaveLength(described);
  });
});

describe('on the local stack (npm start)', () => {
  const stateFile = () => join(dir, 'stack.json');
  /** A running `npm start` (this process stands in for it), its servers this file's. */
  async function localStack(overrides: Partial<LocalStackState> = {}) {
    await writeRunningStack(stateFile(), {
      tableName: TABLE,
      eventsTableName: `${STACK}-events`,
      urls: { dynamoDb: aws.db.endpoint, eventBridge: aws.bus.endpoint },
      archive: { bucket: BUCKET, s3Url: s3.endpoint },
      ...overrides,
    });
    // Only the state file says where the local servers are.
    for (const service of ['DYNAMODB', 'EVENTBRIDGE', 'S3', 'SQS', 'CLOUDFORMATION', 'SSM']) {
      delete process.env[`AWS_ENDPOINT_URL_${service}`];
    }
    process.env.LOCAL_STATE_FILE = stateFile();
  }

  it("archives a window into the local S3, with the local stack's table and bus", async () => {
    const { endTime, args } = aWindow();
    const stream = uniqueStreamId('local');
    const stored = await recording(stream, 'local', endTime);
    await localStack();

    const { code, out } = await archive(...args);

    expect(code).toBe(0);
    expect(out).toContain(
      `Archive of the local stack (npm start): bucket ${BUCKET}, table ${TABLE}, bus tencent-css-recordings-local`,
    );
    expect(out).toContain('VOD hotlink key: none (URLs are not signed)');
    expect(out).toContain(
      `  ${stream}/local: archived, s3://${BUCKET}/${stream}/local.mp4 (1,000 bytes)`,
    );
    expect(await objectOf(stored)).toMatchObject({ size: 1000 });
    expect(archivedEvents(aws.bus.accepted, stored.id).length).toBe(1);
    expect(cloudFormation.described).not.toContain(`tencent-css-recordings-local`);
  });

  it.each([
    [
      'the local stack has no archive',
      { archive: undefined },
      ['--since', '1d'],
      'The running local stack has no archive (no local S3): restart `npm start` to get one',
    ],
    [
      'the local stack has no dead-letter queue',
      {},
      ['--from-dead-letters'],
      'The local stack has no dead-letter queue (serverless-offline does not retry a failed function): archive a window instead (--since T)',
    ],
    [
      'the table cannot be read',
      { tableName: 'no-such-table' },
      ['--since', '1d'],
      /^Could not read the recordings table no-such-table in the local stack: ResourceNotFoundException: /,
    ],
  ])('says in one line when %s', async (_case, overrides, args, line) => {
    await localStack(overrides);

    const { code, err } = await archive(...args);

    expect(code).toBe(1);
    expect(err).toMatch(wholly(line));
  });
});
