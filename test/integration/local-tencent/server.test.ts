import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { liveEndpoint } from '../../../lib/tencent/endpoint';
import { LIVE_API_HOST, LIVE_API_VERSION } from '../../../lib/tencent/tencent-api';
import { TEST_TENCENT_CREDENTIALS, postSigned, useLocalTencent } from '../../support/local-tencent';
import { errorRejectedBy } from '../../support/thrown';

const local = useLocalTencent();

/** The official SDK's client, configured as the adapter configures it for a custom endpoint. */
function sdkClient(credentials = TEST_TENCENT_CREDENTIALS) {
  return new CommonClient(LIVE_API_HOST, LIVE_API_VERSION, {
    credential: { ...credentials },
    profile: { httpProfile: liveEndpoint(local.tencent.url).httpProfile },
  });
}

function sdkFailure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  return errorRejectedBy(promise, 'expected the SDK call to fail');
}

describe('the local Tencent, through the official SDK', () => {
  it('accepts the SDK signature when the endpoint is addressed as live.tencentcloudapi.com', async () => {
    const answer: unknown = await sdkClient().request('DescribeLiveCallbackRules', {});

    expect(answer).toEqual({ Rules: [], RequestId: expect.any(String) as string });
  });

  it('refuses the SDK pointed at the bare address: it then signs for service "127", not live', async () => {
    const naive = new CommonClient(LIVE_API_HOST, LIVE_API_VERSION, {
      credential: { ...TEST_TENCENT_CREDENTIALS },
      profile: {
        httpProfile: { endpoint: `127.0.0.1:${local.tencent.port}`, protocol: 'http://' },
      },
    });

    const error = await sdkFailure(naive.request('DescribeLiveCallbackRules', {}));

    expect(error.code).toBe('AuthFailure.SignatureFailure');
    expect(error.message).toContain('the credential scope names service `127`, not `live`');
  });

  it('refuses a wrong SecretKey and an unknown SecretId with their AuthFailure codes', async () => {
    const wrongKey = await sdkFailure(
      sdkClient({ ...TEST_TENCENT_CREDENTIALS, secretKey: 'wrong' }).request(
        'DescribeLiveCallbackRules',
        {},
      ),
    );
    const unknownId = await sdkFailure(
      sdkClient({ ...TEST_TENCENT_CREDENTIALS, secretId: 'AKIDunknown' }).request(
        'DescribeLiveCallbackRules',
        {},
      ),
    );

    expect(wrongKey.code).toBe('AuthFailure.SignatureFailure');
    expect(unknownId.code).toBe('AuthFailure.SecretIdNotFound');
    expect(local.tencent.state.counters.authFailures).toBe(2);
  });
});

describe('the local Tencent, by hand-signed requests', () => {
  it('listens on loopback only', () => {
    expect(local.tencent.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("answers errors with HTTP 200 in Tencent's shape", async () => {
    const { status, json } = await postSigned(local.tencent.url, { action: 'DescribeLiveDomains' });

    expect(status).toBe(200);
    expect(json).toEqual({
      Response: {
        Error: {
          Code: 'InvalidAction',
          Message: expect.stringContaining('DescribeLiveDomains') as string,
        },
        RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      },
    });
  });

  it('refuses a body changed after signing', async () => {
    const { json } = await postSigned(local.tencent.url, {
      action: 'DeleteLiveCallbackTemplate',
      signedBody: '{"TemplateId":1001}',
      body: '{"TemplateId":1002}',
    });

    expect(json.Response.Error).toMatchObject({ Code: 'AuthFailure.SignatureFailure' });
  });

  it('refuses a timestamp changed after signing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { json } = await postSigned(local.tencent.url, {
      action: 'DescribeLiveCallbackRules',
      timestamp: now,
      sentTimestamp: now - 60,
    });

    expect(json.Response.Error).toMatchObject({ Code: 'AuthFailure.SignatureFailure' });
  });

  it('refuses a request signed more than five minutes from its clock', async () => {
    local.tencent.state.setClock(() => Date.now() + 6 * 60_000);

    const { json } = await postSigned(local.tencent.url, { action: 'DescribeLiveCallbackRules' });

    expect(json.Response.Error).toMatchObject({ Code: 'AuthFailure.SignatureExpire' });
  });

  it.each<{ problem: string; action: string; body?: string; version?: string; code: string }>([
    {
      problem: 'another API version',
      action: 'DescribeLiveCallbackRules',
      version: '2017-03-12',
      code: 'NoSuchVersion',
    },
    { problem: 'no action', action: '', code: 'MissingParameter' },
    {
      problem: 'an action Tencent does not have',
      action: 'DescribeEverything',
      code: 'InvalidAction',
    },
    {
      problem: 'a parameter the action does not take',
      action: 'DescribeLiveCallbackRules',
      body: '{"DomainName":"push.example.com"}',
      code: 'UnknownParameter',
    },
    {
      problem: 'a parameter of the wrong type',
      action: 'DeleteLiveCallbackTemplate',
      body: '{"TemplateId":"1001"}',
      code: 'InvalidParameter',
    },
    {
      problem: 'a missing required parameter',
      action: 'DeleteLiveCallbackRule',
      body: '{"DomainName":"push.example.com"}',
      code: 'MissingParameter',
    },
    {
      problem: 'a body that is not JSON',
      action: 'DescribeLiveCallbackRules',
      body: '{',
      code: 'InvalidParameter',
    },
  ])('refuses $problem with $code', async ({ action, body, version, code }) => {
    const { json } = await postSigned(local.tencent.url, {
      action,
      ...(body !== undefined && { body }),
      ...(version !== undefined && { version }),
    });

    expect(json.Response.Error).toMatchObject({ Code: code });
  });

  it('answers only POST', async () => {
    const { json } = await postSigned(local.tencent.url, {
      action: 'DescribeLiveCallbackRules',
      method: 'GET',
    });

    expect(json.Response.Error).toMatchObject({ Code: 'UnsupportedOperation' });
  });

  it('refuses the 21st request of a second for one SecretId and action, and counts it', async () => {
    const frozen = Date.now();
    local.tencent.state.setClock(() => frozen); // one second of Tencent's time, however long the burst takes

    const answers = await Promise.all(
      Array.from({ length: 25 }, () =>
        postSigned(local.tencent.url, {
          action: 'DescribeLiveCallbackRules',
          timestamp: Math.floor(frozen / 1000),
        }),
      ),
    );
    const other = await postSigned(local.tencent.url, {
      action: 'DescribeLiveCallbackTemplates',
      timestamp: Math.floor(frozen / 1000),
    });

    const codes = answers.map(
      ({ json }) => (json.Response.Error as { Code?: string } | undefined)?.Code,
    );
    expect(codes.filter((code) => code === 'RequestLimitExceeded')).toHaveLength(5);
    expect(codes.filter((code) => code === undefined)).toHaveLength(20);
    expect(other.json.Response.Error).toBeUndefined();
    expect(local.tencent.state.counters).toMatchObject({
      requests: { DescribeLiveCallbackRules: 25, DescribeLiveCallbackTemplates: 1 },
      throttled: 5,
    });
  });

  it('refuses the next requests with an injected RequestLimitExceeded, counted as throttled, then serves again', async () => {
    local.tencent.state.injectFault({
      kind: 'refuse',
      code: 'RequestLimitExceeded',
      action: 'DescribeLiveCallbackRules',
      times: 3,
    });

    const codes = [];
    for (let request = 0; request < 4; request++) {
      const { json } = await postSigned(local.tencent.url, { action: 'DescribeLiveCallbackRules' });
      codes.push((json.Response.Error as { Code?: string } | undefined)?.Code ?? 'served');
    }

    expect(codes).toEqual([
      'RequestLimitExceeded',
      'RequestLimitExceeded',
      'RequestLimitExceeded',
      'served',
    ]);
    expect(local.tencent.state.counters.throttled).toBe(3);
  });

  it('applies a fault only to a request it would serve: a badly signed one is refused as ever', async () => {
    local.tencent.state.injectFault({ kind: 'refuse', code: 'InternalError' });

    const forged = await postSigned(local.tencent.url, {
      action: 'DescribeLiveCallbackRules',
      credentials: { ...TEST_TENCENT_CREDENTIALS, secretKey: 'not the key' },
    });

    expect(forged.json.Response.Error).toMatchObject({ Code: 'AuthFailure.SignatureFailure' });
    expect(local.tencent.state.pendingFaults()).toBe(1);
  });

  it('answers an injected slow request in full once its delay has passed', async () => {
    local.tencent.state.injectFault({ kind: 'delay', delayMs: 200 });
    const started = performance.now();

    const { json } = await postSigned(local.tencent.url, { action: 'DescribeLiveCallbackRules' });

    // A lower bound only: a busy machine makes it later, never sooner.
    expect(performance.now() - started).toBeGreaterThanOrEqual(199);
    expect(json.Response).toMatchObject({ Rules: [] });
  });

  it('keeps a request told to hang unanswered, until the client gives up', async () => {
    local.tencent.state.injectFault({ kind: 'hang' });
    const client = new CommonClient(LIVE_API_HOST, LIVE_API_VERSION, {
      credential: { ...TEST_TENCENT_CREDENTIALS },
      profile: { httpProfile: { ...liveEndpoint(local.tencent.url).httpProfile, reqTimeout: 1 } },
    });

    const failure = await sdkFailure(client.request('DescribeLiveCallbackRules', {}));

    expect(failure.message).toMatch(/network timeout/);
    expect(local.tencent.state.counters.requests.DescribeLiveCallbackRules).toBe(1);
  });
});
