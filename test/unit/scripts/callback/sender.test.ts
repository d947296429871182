import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkCallbackUrl,
  loadPayload,
  resolveSenderKey,
  withIds,
} from '../../../../scripts/callback/sender';
import { UsageError } from '../../../../scripts/cli/errors';
import { LOCAL_CALLBACK_KEY } from '../../../../scripts/local/settings';
import { loadFixture } from '../../../support/fixtures';

const LOCAL = 'http://localhost:3000/callback';
const DEPLOYED = 'https://abc123.execute-api.eu-west-1.amazonaws.com/callback';

describe('checkCallbackUrl', () => {
  const EXPECTED_FORM =
    'expected the form http://localhost:3000/callback (the local stack) or ' +
    'https://<api-id>.execute-api.<region>.amazonaws.com/callback';

  it.each([
    LOCAL,
    'http://127.0.0.1:3100/callback',
    DEPLOYED,
    'https://api.example.com/tencent/callback',
  ])('takes %s as it is', (url) => {
    expect(checkCallbackUrl(url, {})).toBe(url);
  });

  it.each(['not a url', '', 'http://[::1:3000/callback', '//localhost:3000/callback'])(
    'refuses %j in one line: not a URL, and the expected form',
    (url) => {
      expect(() => checkCallbackUrl(url, {})).toThrow(
        new UsageError(`--url ${JSON.stringify(url)} is not a URL: ${EXPECTED_FORM}`),
      );
    },
  );

  it.each(['localhost:3000/callback', 'ftp://localhost/callback'])(
    'refuses %s: not an http:// or https:// URL, and the expected form',
    (url) => {
      expect(() => checkCallbackUrl(url, {})).toThrow(
        new UsageError(
          `--url ${JSON.stringify(url)} is not an http:// or https:// URL: ${EXPECTED_FORM}`,
        ),
      );
    },
  );

  it('shows the local stack at the port LOCAL_HTTP_PORT moved it to', () => {
    expect(() => checkCallbackUrl('nonsense', { LOCAL_HTTP_PORT: '3100' })).toThrow(
      /expected the form http:\/\/localhost:3100\/callback \(the local stack\)/,
    );
  });

  it.each([
    ['https://localhost:3000/callback', 'http://localhost:3000/callback'],
    ['https://127.0.0.1:3100/callback', 'http://127.0.0.1:3100/callback'],
    ['https://[::1]:3000/callback', 'http://[::1]:3000/callback'],
  ])('refuses %s: the local stack speaks plain http', (url, fixed) => {
    expect(() => checkCallbackUrl(url, {})).toThrow(
      new UsageError(`--url ${url}: the local stack speaks plain http, not https; use ${fixed}`),
    );
  });

  it.each([
    ['http://localhost:3000', 'http://localhost:3000/callback'],
    ['http://localhost:3000/', 'http://localhost:3000/callback'],
    [
      'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/',
      'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/callback',
    ],
  ])('refuses %s: no /callback path, and says which URL to use', (url, fixed) => {
    expect(() => checkCallbackUrl(url, {})).toThrow(
      new UsageError(
        `--url ${url} has no /callback path: the service answers POST /callback; use ${fixed}`,
      ),
    );
  });
});

describe('resolveSenderKey', () => {
  it('signs with --key first, saying so without showing the key', () => {
    const key = resolveSenderKey(DEPLOYED, 'FromOption1', { CALLBACK_KEY: 'FromEnv1' });

    expect(key).toEqual({ key: 'FromOption1', source: 'the key from --key' });
    expect(key.source).not.toContain('FromOption1');
  });

  it('signs with the first key of CALLBACK_KEY when there is no --key', () => {
    const key = resolveSenderKey(DEPLOYED, undefined, { CALLBACK_KEY: ' , NewKey1,OldKey1' });

    expect(key).toEqual({ key: 'NewKey1', source: 'the key from CALLBACK_KEY' });
  });

  it.each([LOCAL, 'http://127.0.0.1:3100/callback', 'http://[::1]:3000/callback'])(
    'signs a callback to the local stack (%s) with its default key when none is given',
    (url) => {
      expect(resolveSenderKey(url, undefined, {})).toEqual({
        key: LOCAL_CALLBACK_KEY,
        source: "the local stack's default key",
      });
    },
  );

  it.each([DEPLOYED, 'not a url'])('refuses to send to %s without a key', (url) => {
    expect(() => resolveSenderKey(url, undefined, {})).toThrow(UsageError);
    expect(() => resolveSenderKey(url, ' ', { CALLBACK_KEY: '' })).toThrow(
      /No callback key to sign with .*Pass --key KEY or set CALLBACK_KEY/,
    );
  });
});

describe('withIds', () => {
  it('sets stream_id and file_id, and the copies Tencent sends beside them', () => {
    const payload = loadFixture('recording-callback.json');

    const changed = withIds(payload, { streamId: 's2', fileId: 'f2' });

    expect(changed).toMatchObject({
      stream_id: 's2',
      channel_id: 's2',
      file_id: 'f2',
      record_file_id: 'f2',
    });
    expect(payload).toMatchObject({ stream_id: 'stream_test', file_id: '1234567890' });
  });

  it('leaves a copy alone when it differed from the id in the payload', () => {
    const changed = withIds(
      { stream_id: 's', channel_id: 'other', file_id: 'f' },
      { streamId: 's2', fileId: 'f2' },
    );

    expect(changed).toEqual({ stream_id: 's2', channel_id: 'other', file_id: 'f2' });
  });

  it('changes nothing when no id is given', () => {
    const payload = loadFixture('recording-callback.json');

    expect(withIds(payload, {})).toEqual(payload);
  });
});

describe('loadPayload', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'payloads-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("defaults to Tencent's documented recording callback", async () => {
    expect(await loadPayload()).toEqual(loadFixture('recording-callback.json'));
  });

  it.each([
    ['not JSON', '{"event_type":', /is not valid JSON/],
    ['a JSON array', '[1, 2]', /must hold a JSON object/],
    ['JSON null', 'null', /must hold a JSON object/],
  ])('refuses a file holding %s', async (_label, content, message) => {
    const file = join(dir, `${_label.replace(/\W/g, '-')}.json`);
    await writeFile(file, content);

    await expect(loadPayload(file)).rejects.toThrow(message);
  });

  it('names a file it cannot read', async () => {
    const file = join(dir, 'missing.json');

    await expect(loadPayload(file)).rejects.toThrow(`Cannot read the payload ${file}`);
  });
});
