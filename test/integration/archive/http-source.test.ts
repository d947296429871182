import { createHash } from 'node:crypto';
import { contentOf, startLocalVod, type LocalVod } from '../../../fakes/local-vod';
import {
  CopyStoppedError,
  SourceNotFoundError,
  SourceRefusedError,
  SourceUnavailableError,
} from '../../../lib/archive/errors';
import { HttpRecordingSource } from '../../../lib/archive/http-source';
import type { SourceResponse } from '../../../lib/archive/source';
import { UNREACHABLE_ENDPOINT } from '../../support/ports';
import { startServerAnswering } from '../../support/faulty-server';

/* The HTTP source against a local VOD that answers as Tencent's CDN does, or misbehaves. */
let vod: LocalVod;
const SIZE = 300_000;
let path: string;
let url: string;

beforeAll(async () => {
  vod = await startLocalVod();
});

afterAll(async () => {
  await vod.stop();
});

let counter = 0;
beforeEach(() => {
  vod.hotlinkKey = undefined;
  path = `/dir/${++counter}/file.mp4`;
  url = vod.addFile(path, SIZE);
});

async function readAll(response: SourceResponse): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** SHA-256 of bytes: comparing digests, not 300 KB element by element. */
const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const expected = (start: number, end = SIZE) =>
  digest(Buffer.concat([...contentOf(path, start, end)]));
const read = async (response: SourceResponse) => digest(await readAll(response));

it('reads a whole file, and says its length', async () => {
  const response = await new HttpRecordingSource().get(url);
  expect(response).toMatchObject({ start: 0, totalBytes: SIZE });
  expect(await read(response)).toBe(expected(0));
  expect(vod.requests.at(-1)).toMatchObject({ path, status: 200, signed: false });
});

it('reads the rest of a file from an offset (a ranged GET)', async () => {
  const response = await new HttpRecordingSource().get(url, { start: 123_456 });
  expect(response).toMatchObject({ start: 123_456, totalBytes: SIZE });
  expect(await read(response)).toBe(expected(123_456));
  expect(vod.requests.at(-1)).toMatchObject({ range: 'bytes=123456-', status: 206 });
});

it('has no length for a file sent without one', async () => {
  vod.fault(path, { kind: 'unannounced' });
  const response = await new HttpRecordingSource().get(url);
  expect(response.totalBytes).toBeUndefined();
  expect(await read(response)).toBe(expected(0));
});

it('signs each request with the hotlink key, as the VOD domain checks it', async () => {
  vod.hotlinkKey = 'HotlinkKey0123';
  const source = new HttpRecordingSource({ hotlinkKey: async () => 'HotlinkKey0123' });

  expect(await read(await source.get(url, { start: 10 }))).toBe(expected(10));
  expect(vod.requests.at(-1)).toMatchObject({ status: 206, signed: true });
});

describe('refusals, by what they mean', () => {
  it('403 unsigned: Key Hotlink Protection may be on, and where the key goes', async () => {
    vod.hotlinkKey = 'HotlinkKey0123';
    await expect(new HttpRecordingSource().get(url)).rejects.toThrow(
      new SourceRefusedError(url, false),
    );
  });

  it('403 signed: the key may not be the domain current one', async () => {
    vod.hotlinkKey = 'HotlinkKey0123';
    const source = new HttpRecordingSource({ hotlinkKey: async () => 'AnotherKey0123' });
    const error = await source.get(`${url}?a=1`).catch((e: unknown) => e);
    expect(error).toEqual(new SourceRefusedError(url, true));
    expect(String(error)).not.toContain('AnotherKey0123');
  });

  it.each([404, 410])('%s: no such file', async (status) => {
    vod.fault(path, { kind: 'status', status });
    await expect(new HttpRecordingSource().get(url)).rejects.toThrow(
      new SourceNotFoundError(url, status),
    );
  });

  it('5xx: unavailable, retried later', async () => {
    vod.fault(path, { kind: 'status', status: 503 });
    await expect(new HttpRecordingSource().get(url)).rejects.toThrow(
      new SourceUnavailableError(url, 'HTTP 503'),
    );
  });

  it('a server that is not there: unavailable', async () => {
    const nowhere = `${UNREACHABLE_ENDPOINT}/f.mp4`;
    await expect(new HttpRecordingSource().get(nowhere)).rejects.toThrow(
      new SourceUnavailableError(nowhere, 'the connection failed').message,
    );
  });
});

describe('a transfer that does not finish', () => {
  it('gives up on a source that never answers', async () => {
    vod.fault(path, { kind: 'hang' });
    await expect(new HttpRecordingSource({ headersTimeoutMs: 200 }).get(url)).rejects.toThrow(
      new SourceUnavailableError(url, 'no answer in time'),
    );
  });

  it('gives up on a body that stops coming', async () => {
    vod.fault(path, { kind: 'hold', afterBytes: 100_000 });
    const response = await new HttpRecordingSource({ idleTimeoutMs: 200 }).get(url);
    await expect(readAll(response)).rejects.toThrow(
      new SourceUnavailableError(url, 'no byte for 200 ms'),
    );
    vod.release();
  });

  it('fails a body cut before its length', async () => {
    vod.fault(path, { kind: 'end-early', afterBytes: 100_000 });
    const response = await new HttpRecordingSource().get(url);
    await expect(readAll(response)).rejects.toThrow(SourceUnavailableError);
  });

  it('stops when the caller stops it, as stopped, not as a failure of the source', async () => {
    const controller = new AbortController();
    vod.fault(path, { kind: 'hold', afterBytes: 100_000 });
    const response = await new HttpRecordingSource().get(url, { signal: controller.signal });
    const reading = readAll(response);
    controller.abort();
    await expect(reading).rejects.toThrow(CopyStoppedError);
    await expect(new HttpRecordingSource().get(url, { signal: controller.signal })).rejects.toThrow(
      CopyStoppedError,
    );
    vod.release();
  });
});

describe('ranges as a server may describe them', () => {
  const serving = async (headers: Record<string, string>) => {
    const server = await startServerAnswering(206, headers, 'abc');
    return { url: `${server.endpoint}/f.mp4`, stop: server.stop };
  };

  it.each([
    ['a length it does not know', { 'content-range': 'bytes 5-7/*' }, { start: 5 }],
    ['no Content-Range at all', {}, { start: 0 }],
  ])('reads %s', async (_what, headers, expected) => {
    const server = await serving(headers);
    try {
      const response = await new HttpRecordingSource().get(server.url, { start: 5 });
      expect(response).toMatchObject(expected);
      expect(response.totalBytes).toBeUndefined();
      expect((await readAll(response)).toString()).toBe('abc');
    } finally {
      await server.stop();
    }
  });
});
