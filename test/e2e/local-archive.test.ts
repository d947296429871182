import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { vodDigest } from '../../fakes/local-vod';
import { fromItem } from '../../lib/aws/dynamodb-attributes';
import { createS3Client } from '../../lib/aws/s3-client';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { localDynamoDbClient } from '../../scripts/local/servers';
import { serviceNames } from '../../scripts/local/service-config';
import {
  LOCAL_ARCHIVE_BUCKET,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
} from '../../scripts/local/settings';
import { uniqueStreamId } from '../support/fixtures';
import { useLocalStack } from '../support/local-stack';
import { runNpmScript, type ScriptRun } from '../support/npm-script';
import { waitUntil } from '../support/wait';

// The README's local flow to its end: `npm start` (its archive on), `npm run tencent -- setup`,
// `npm run simulate`, and the recording is in the local S3, byte for byte what the VOD served.
const KEY = 'E2eArchiveKey0123456789';
const DOMAIN = 'push.example.com';
const STREAM = uniqueStreamId('archived').replaceAll(/[^A-Za-z0-9_.-]/g, '-');

const local = useLocalStack(KEY, { archive: true });
let simulate: ScriptRun;

beforeAll(async () => {
  const setup = await runNpmScript('tencent', ['setup', '--domain', DOMAIN], local.env);
  if (setup.code !== 0) throw new Error(`npm run tencent -- setup failed:\n${setup.stderr}`);
  simulate = await runNpmScript(
    'simulate',
    ['--domain', DOMAIN, '--stream', STREAM, '--files', '1', '--speed', '600'],
    local.env,
  );
}, 180_000);

/** The simulated recording as the stack stored it: its file and the URL it was served from. */
async function storedRecording(): Promise<{
  fileId: string;
  videoUrl: string;
  fileSize: number;
  archive?: { uri: string; bytes: number };
}> {
  const fileId = /s3:\/\/\S+\/(\d+)\.mp4 {2}\d+ bytes/.exec(simulate.stdout)?.[1] ?? '';
  const client = localDynamoDbClient(`http://127.0.0.1:${local.ports.dynamoDb}`);
  try {
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: serviceNames(local.config).tableName,
        Key: { stream_id: { S: STREAM }, file_id: { S: fileId } },
        ConsistentRead: true,
      }),
    );
    const item = (Item && fromItem(Item)) as
      | { video_url: string; file_size: number; archive?: { uri: string; bytes: number } }
      | undefined;
    return {
      fileId,
      videoUrl: item?.video_url ?? '',
      fileSize: item?.file_size ?? -1,
      ...(item?.archive && { archive: item.archive }),
    };
  } finally {
    client.destroy();
  }
}

describe('npm run simulate against npm start with its archive', () => {
  it('shows the local S3 and its bucket in the banner', () => {
    expect(local.stack?.output()).toContain(
      `  S3                 http://127.0.0.1:${local.ports.s3}  bucket ${LOCAL_ARCHIVE_BUCKET} <- archiveRecording; ` +
        `files in ${local.s3Dir}/${LOCAL_ARCHIVE_BUCKET}/`,
    );
  });

  it('ends with the recording in the local S3, and says where it is', async () => {
    const { fileId, fileSize } = await storedRecording();

    expect(simulate.code).toBe(0);
    expect(fileId).toMatch(/^\d{19}$/);
    expect(simulate.stdout).toContain('In the local S3:');
    expect(simulate.stdout).toContain(
      `  s3://${LOCAL_ARCHIVE_BUCKET}/${STREAM}/${fileId}.mp4  ${fileSize} bytes`,
    );
    expect(simulate.stdout).toContain('Done: 6 callbacks, each answered 200 in the end.');
  });

  it('holds byte for byte what the local VOD served, on disk under LOCAL_S3_DIR too', async () => {
    const { fileId, videoUrl, fileSize } = await storedRecording();
    const client = createS3Client({
      endpoint: `http://127.0.0.1:${local.ports.s3}`,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    let body: Buffer;
    try {
      const { Body } = await client.send(
        new GetObjectCommand({ Bucket: LOCAL_ARCHIVE_BUCKET, Key: `${STREAM}/${fileId}.mp4` }),
      );
      body = Buffer.from((await Body?.transformToByteArray()) ?? []);
    } finally {
      client.destroy();
    }
    const onDisk = await readFile(
      join(local.s3Dir, LOCAL_ARCHIVE_BUCKET, STREAM, `${fileId}.mp4._S3rver_object`),
    );
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

    expect(new URL(videoUrl).hostname).toBe('127.0.0.1');
    expect(body.length).toBe(fileSize);
    expect(sha256(body)).toBe(vodDigest(new URL(videoUrl).pathname, fileSize));
    expect(sha256(onDisk)).toBe(sha256(body));
  });

  it('records the copy on the recording, and the archive function says so in the terminal', async () => {
    const { fileId, fileSize } = await storedRecording();
    const uri = `s3://${LOCAL_ARCHIVE_BUCKET}/${STREAM}/${fileId}.mp4`;
    const line = `[archive] archived  id=${STREAM}/${fileId} version=1 uri=${uri} bytes=${fileSize}`;
    // The object shows before the item is updated and the line printed: poll for both.
    await waitUntil(
      async () =>
        (await storedRecording()).archive !== undefined &&
        (local.stack?.stdout() ?? '').includes(line),
    );

    expect((await storedRecording()).archive).toMatchObject({ uri, bytes: fileSize });
    expect(local.stack?.stdout()).toContain(line);
  });
});
