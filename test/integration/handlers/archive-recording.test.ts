import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';
import type { Context } from 'aws-lambda';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { vodDigest } from '../../../fakes/local-vod';
import type { ArchiveResult } from '../../../lib/archive/archive-recording';
import {
  ARCHIVE_BUCKET,
  archivedEvents,
  createdEvent,
  MIB,
  sha256,
  storeRecording,
  useArchiveServers,
} from '../../support/archive';
import { lambdaContext } from '../../../fakes/http-api-event';
import { loadHandler } from '../../support/load-handler';
import { useLocalAws } from '../../support/local-aws';
import { startLocalSsm, type LocalSsm } from '../../../fakes/ssm';
import { readItem } from '../../support/table';
import { SCHEMAS_DIR } from '../../../scripts/docs/schemas';

/*
 * The archive function as deployed: triggered by `Recording File Created`, reading the item from
 * dynalite, the file from the local VOD, writing into the local S3 and announcing on the local bus.
 */
const aws = useLocalAws();
const servers = useArchiveServers();
let ssm: LocalSsm;

type ArchiveHandler = (event: unknown, context: Context) => Promise<ArchiveResult>;
let archive: ArchiveHandler;

const KEY_PARAMETER = '/tencent-css-recordings/test/vod-hotlink-key';
const HOTLINK_KEY = 'HotlinkKey0123456789';

/** The function as deployed, its hotlink key parameter named or not. */
const loadArchive = (extra: Record<string, string> = {}) =>
  loadHandler<ArchiveHandler>('../../handlers/archive-recording', {
    tableName: aws.tableName,
    dynamoDbEndpoint: aws.db.endpoint,
    eventBridgeEndpoint: aws.bus.endpoint,
    extra: {
      ARCHIVE_BUCKET,
      AWS_ENDPOINT_URL_S3: servers.s3.endpoint,
      POWERTOOLS_SERVICE_NAME: 'tencent-css-recordings-test-archive',
      ...extra,
    },
  });

beforeAll(async () => {
  ssm = await startLocalSsm();
  archive = await loadArchive();
});

afterAll(async () => {
  await ssm.stop();
});

/** A file of `size` bytes on the local VOD, and its recording stored as the callback stores it. */
async function aRecordedFile(size: number, overrides: Record<string, unknown> = {}) {
  const path = `/vod/${Date.now()}-${Math.random().toString(16).slice(2)}/f0.mp4`;
  const url = servers.vod.addFile(path, size);
  const stored = await storeRecording(aws, {
    video_url: url,
    file_size: size,
    file_format: 'mp4',
    ...overrides,
  });
  return { path, url, stored, key: `${stored.key.stream_id}/${stored.key.file_id}.mp4` };
}

const itemOf = (key: Record<string, string>) =>
  readItem(aws.db, aws.tableName, key as { stream_id: string; file_id: string });

/** A Lambda context with the function's 15 minutes ahead. */
const context = (): Context => ({
  ...lambdaContext('archiveRecording'),
  getRemainingTimeInMillis: () => 900_000,
});

describe('a single file', () => {
  it('lands in the bucket byte for byte, is recorded on the item and announced once', async () => {
    const size = 20 * MIB + 12_345;
    const path = `/vod/${Date.now()}/f0.mp4`;
    const url = servers.vod.addFile(path, size);
    const stored = await storeRecording(aws, {
      video_url: url,
      file_size: size,
      file_format: 'mp4',
    });
    const key = `${stored.key.stream_id}/${stored.key.file_id}.mp4`;

    const result = await archive(createdEvent(stored), context());

    expect(result).toMatchObject({ outcome: 'archived', id: stored.id, version: 1 });
    expect(sha256(await servers.s3.read(ARCHIVE_BUCKET, key))).toBe(vodDigest(path, size));
    expect(await servers.s3.head(ARCHIVE_BUCKET, key)).toEqual({
      size,
      contentType: 'video/mp4',
      metadata: { 'stream-id': stored.key.stream_id, 'file-id': stored.key.file_id },
    });
    const item = await readItem(aws.db, aws.tableName, stored.key as never);
    expect(item?.archive).toEqual({
      uri: `s3://${ARCHIVE_BUCKET}/${key}`,
      bytes: size,
      archived_at: expect.any(String) as unknown,
    });
    expect(item).not.toHaveProperty('archive_progress');
    expect(archivedEvents(aws.bus.accepted, stored.id)).toEqual([
      {
        id: stored.id,
        version: 1,
        stream_id: stored.key.stream_id,
        file_id: stored.key.file_id,
        uri: `s3://${ARCHIVE_BUCKET}/${key}`,
        bytes: size,
      },
    ]);
  });

  it('announces an event its deployed schema takes, as EventBridge delivers it to a target', async () => {
    const { stored } = await aRecordedFile(MIB);
    // The schema the stack deploys (test/integration/template/stack.test.ts checks they are the same).
    const schema = JSON.parse(
      await readFile(join(SCHEMAS_DIR, 'tencentcloud.css@RecordingFileArchived.json'), 'utf8'),
    ) as object;
    const ajv04 = new Ajv({ schemaId: 'id', meta: false, allErrors: true });
    ajv04.addMetaSchema(draft04);
    const validate = ajv04.compile(schema);

    await archive(createdEvent(stored), context());

    const entries = aws.bus.accepted.filter(
      (entry) =>
        entry.DetailType === 'Recording File Archived' && entry.Detail?.includes(stored.id),
    );
    const delivered = entries.map((entry) => ({
      version: '0',
      id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '123456789012',
      time: '2026-12-07T20:41:03Z',
      region: 'us-east-1',
      resources: entry.Resources ?? [],
      detail: JSON.parse(entry.Detail ?? 'null') as unknown,
    }));
    expect(delivered).toHaveLength(1);
    expect(validate(delivered[0]) ? 'valid' : ajv04.errorsText(validate.errors)).toBe('valid');
  });

  it('does nothing for a redelivered event: no download, no upload, no second event', async () => {
    const { path, stored } = await aRecordedFile(6 * MIB);
    await archive(createdEvent(stored), context());
    const requests = servers.vod.requests.length;
    const served = servers.vod.bytesServed(path);
    const item = await itemOf(stored.key);

    const again = await archive(createdEvent(stored), context());

    expect(again).toMatchObject({ outcome: 'already-archived', id: stored.id, version: 1 });
    expect(servers.vod.requests).toHaveLength(requests);
    expect(servers.vod.bytesServed(path)).toBe(served);
    expect(await itemOf(stored.key)).toEqual(item);
    expect(archivedEvents(aws.bus.accepted, stored.id)).toHaveLength(1);
  });

  it('fails an attempt whose source ends early, leaving no object; the retry copies it', async () => {
    const size = 20 * MIB;
    const { path, stored, key } = await aRecordedFile(size);
    servers.vod.fault(path, { kind: 'end-early', afterBytes: 3 * MIB }, 1);

    await expect(archive(createdEvent(stored), context())).rejects.toThrow(
      /the source .* is unavailable/,
    );
    expect(await servers.s3.head(ARCHIVE_BUCKET, key)).toBeUndefined();
    const item = await itemOf(stored.key);
    expect(item).not.toHaveProperty('archive');
    // The lease is ended: the retry need not wait for it.
    const progress = item?.archive_progress as { lease_until: string; upload_id: string };
    expect(Date.parse(progress.lease_until)).toBeLessThanOrEqual(Date.now());
    expect(archivedEvents(aws.bus.accepted, stored.id)).toEqual([]);

    await expect(archive(createdEvent(stored), context())).resolves.toMatchObject({
      outcome: 'archived',
    });
    expect(sha256(await servers.s3.read(ARCHIVE_BUCKET, key))).toBe(vodDigest(path, size));
  });

  it('fails an attempt whose source serves fewer bytes than file_size, and keeps nothing', async () => {
    const size = 20 * MIB;
    const { path, stored, key } = await aRecordedFile(size);
    servers.vod.fault(path, { kind: 'short', bytes: size - MIB });

    await expect(archive(createdEvent(stored), context())).rejects.toThrow(
      `${size - MIB} bytes announced by the source from ${servers.vod.url}${path}, but the recording's file_size is ${size}`,
    );
    expect(await servers.s3.head(ARCHIVE_BUCKET, key)).toBeUndefined();
    const item = await itemOf(stored.key);
    expect(item).not.toHaveProperty('archive');
    expect(item).not.toHaveProperty('archive_progress');
    expect(archivedEvents(aws.bus.accepted, stored.id)).toEqual([]);
  });

  it('fails an attempt whose source streams fewer bytes than file_size without saying so', async () => {
    const size = 7 * MIB;
    // The recording claims a byte more than the file has; the source sends no Content-Length.
    const { stored, key, path } = await aRecordedFile(size, { file_size: size + 1 });
    servers.vod.fault(path, { kind: 'unannounced' });

    await expect(archive(createdEvent(stored), context())).rejects.toThrow(
      `${size} bytes copied from ${servers.vod.url}${path}, but the recording's file_size is ${size + 1}`,
    );
    expect(await servers.s3.head(ARCHIVE_BUCKET, key)).toBeUndefined();
    expect(await itemOf(stored.key)).not.toHaveProperty('archive_progress');
  });

  it('announces on the retry when the bus did not take the event, and only then', async () => {
    const { stored } = await aRecordedFile(MIB);
    aws.bus.behaviour = 'error';

    await expect(archive(createdEvent(stored), context())).rejects.toThrow(/PutEvents/);
    expect((await itemOf(stored.key))?.archive).toBeDefined();
    const downloads = servers.vod.requests.length;

    aws.bus.behaviour = 'accept';
    await expect(archive(createdEvent(stored), context())).resolves.toMatchObject({
      outcome: 'announced',
    });
    expect(servers.vod.requests).toHaveLength(downloads);
    expect(archivedEvents(aws.bus.accepted, stored.id)).toHaveLength(1);
    expect(await itemOf(stored.key)).not.toHaveProperty('archive_progress');
  });
});

describe('an HLS recording', () => {
  it('lands as its playlist, its URIs made relative, and every file it names', async () => {
    const directory = `/vod/${Date.now()}/hls`;
    const hls = servers.vod.addHls(directory, {
      segments: 9,
      segmentBytes: 300_000,
      mapBytes: 1000,
      uris: 'absolute-path',
    });
    const stored = await storeRecording(aws, { video_url: hls.playlistUrl, file_format: 'HLS' });
    const prefix = `${stored.key.stream_id}/${stored.key.file_id}/`;

    const result = await archive(createdEvent(stored), context());

    const playlist = (await servers.s3.read(ARCHIVE_BUCKET, `${prefix}index.m3u8`))?.toString();
    expect(playlist).toBe(hls.playlist.replaceAll(`${directory}/`, ''));
    for (const file of hls.files) {
      expect(sha256(await servers.s3.read(ARCHIVE_BUCKET, `${prefix}${file.name}`))).toBe(
        vodDigest(file.path, file.size),
      );
    }
    expect((await servers.s3.head(ARCHIVE_BUCKET, `${prefix}segment-00000.ts`))?.contentType).toBe(
      'video/mp2t',
    );
    const bytes = 9 * 300_000 + 1000 + Buffer.byteLength(playlist ?? '');
    expect(result).toMatchObject({ outcome: 'archived', archive: { bytes } });
    expect(archivedEvents(aws.bus.accepted, stored.id)).toEqual([
      expect.objectContaining({ uri: `s3://${ARCHIVE_BUCKET}/${prefix}index.m3u8`, bytes }),
    ]);
  });
});

describe('a VOD domain with Key Hotlink Protection', () => {
  it('refuses an unsigned copy with an error that says what to configure', async () => {
    const { stored, url } = await aRecordedFile(MIB);
    servers.vod.hotlinkKey = HOTLINK_KEY;

    await expect(archive(createdEvent(stored), context())).rejects.toThrow(
      `the source refused ${url} (403): its VOD domain may have Key Hotlink Protection on; ` +
        'store its key in the SSM parameter named by VOD_HOTLINK_KEY_PARAMETER (docs/archive.md)',
    );
    expect(servers.vod.requests.at(-1)).toMatchObject({ status: 403, signed: false });
  });

  it('copies with the key from its SSM parameter, and the key and signature go nowhere', async () => {
    const { stored, path, key } = await aRecordedFile(2 * MIB);
    servers.vod.hotlinkKey = HOTLINK_KEY;
    ssm.parameters.set(KEY_PARAMETER, HOTLINK_KEY);
    const signing = await loadArchive({
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
      VOD_HOTLINK_KEY_PARAMETER: KEY_PARAMETER,
    });

    await expect(signing(createdEvent(stored), context())).resolves.toMatchObject({
      outcome: 'archived',
    });

    expect(sha256(await servers.s3.read(ARCHIVE_BUCKET, key))).toBe(vodDigest(path, 2 * MIB));
    expect(servers.vod.requests.at(-1)).toMatchObject({ path, status: 200, signed: true });
    const everywhere = [
      aws.output.text(),
      JSON.stringify(await itemOf(stored.key)),
      JSON.stringify(aws.bus.accepted),
    ].join('\n');
    expect(everywhere).not.toContain(HOTLINK_KEY);
    expect(everywhere).not.toMatch(/sign=/);
  });
});
