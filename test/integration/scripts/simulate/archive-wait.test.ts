import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalS3, type LocalS3 } from '../../../../fakes/local-s3';
import { close, listen } from '../../../../fakes/http';
import { simulateCommand } from '../../../../scripts/commands/simulate';
import { tencentCommand } from '../../../../scripts/commands/tencent';
import { TEST_TENCENT_CREDENTIALS, useLocalTencent } from '../../../support/local-tencent';
import { writeRunningStack } from '../../../support/running-stack';

// `npm run simulate` in this process, its state naming a local S3 of this test: the receiver plays
// the archive (it copies each recording from its video_url, or, told to, copies nothing).
const local = useLocalTencent();
const DOMAIN = 'push.example.com';
const BUCKET = 'recordings-archive';

let dir: string;
let s3: LocalS3;
let receiverUrl: string;
let archiving = true;
const copies: Promise<unknown>[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      event_type: number;
      stream_id: string;
      file_id: string;
      video_url: string;
    };
    if (body.event_type === 100 && archiving) copies.push(copy(body));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"code":0}');
  });
});

/** What the archive function does, in short: the served bytes into the bucket. */
async function copy(body: { stream_id: string; file_id: string; video_url: string }) {
  const bytes = Buffer.from(await (await fetch(body.video_url)).arrayBuffer());
  await s3.client.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: `${body.stream_id}/${body.file_id}.mp4`,
      Body: bytes,
    }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simulate-archive-'));
  s3 = await startLocalS3({ buckets: [BUCKET] });
  receiverUrl = `${await listen(receiver)}/callback`;
});

afterAll(async () => {
  await Promise.allSettled(copies);
  await close(receiver);
  await s3.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  archiving = true;
  await writeRunningStack(join(dir, 'stack.json'), {
    urls: { callback: receiverUrl },
    tencent: { url: local.tencent.url, ...TEST_TENCENT_CREDENTIALS },
    callbackKeys: ['SimulateArchiveKey1'],
    archive: { bucket: BUCKET, s3Url: s3.endpoint },
  });
});

async function run(
  command: typeof simulateCommand | typeof tencentCommand,
  argv: string[],
  archiveWaitMs = 60_000,
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(
    argv,
    {
      env: { LOCAL_STATE_FILE: join(dir, 'stack.json') },
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    },
    { archiveWaitMs },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const simulateArgs = (stream: string) => [
  '--domain',
  DOMAIN,
  '--stream',
  stream,
  '--files',
  '2',
  '--speed',
  '60000',
];

describe('npm run simulate with the local stack’s archive', () => {
  it('serves each recording from a local VOD and ends once every copy is in the local S3', async () => {
    expect((await run(tencentCommand, ['setup', '--domain', DOMAIN])).code).toBe(0);

    const { code, out, err } = await run(simulateCommand, simulateArgs('room-a'));

    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(
      / {2}Files {5}2 recordings served from a local VOD at http:\/\/127\.0\.0\.1:\d+ while this runs/,
    );
    const listed = [
      ...out.matchAll(/^ {2}s3:\/\/recordings-archive\/(room-a\/\d{19}\.mp4) {2}(\d+) bytes$/gm),
    ];
    expect(listed).toHaveLength(2);
    for (const [, key, bytes] of listed) {
      expect((await s3.head(BUCKET, key ?? ''))?.size).toBe(Number(bytes));
    }
    expect(out).toContain('Done: 8 callbacks, each answered 200 in the end.');
  });

  it('gives up after its wait, says what is missing and where to look, and exits 1', async () => {
    expect((await run(tencentCommand, ['setup', '--domain', DOMAIN])).code).toBe(0);
    archiving = false;

    // Nothing copies: the wait can only end at its deadline, kept short.
    const { code, out, err } = await run(simulateCommand, simulateArgs('room-b'), 2000);

    expect(code).toBe(1);
    expect(out).toContain('The local S3 after 2 s:');
    expect(out).toMatch(/^ {2}s3:\/\/recordings-archive\/room-b\/\d{19}\.mp4 {2}not there$/m);
    expect(err).toBe(
      'Not every recording reached the local S3 in 2 s: see the [archive] lines in the terminal of npm start',
    );
    expect(out).not.toContain('Done:');
  });
});
