import type { RateLimiter } from '../../../lib/tencent/rate-limiter';
import {
  TencentApiError,
  TencentAuthError,
  TencentRateLimitedError,
  TencentUnreachableError,
} from '../../../lib/tencent/errors';
import {
  TencentCloudLiveApi,
  tencentCloudLiveApiFromEnv,
  type ActionClient,
} from '../../../lib/tencent/tencentcloud-live-api';
import { TencentConfigurationError } from '../../../lib/tencent/errors';
import { errorRejectedBy } from '../../support/thrown';

const CREDENTIALS = { secretId: 'AKIDunitTestSecretId', secretKey: 'unitTestSecretKey0123456789' };
const CALLBACK_KEY = 'UnitTestCallbackKey42';

/** What the SDK throws: `TencentCloudSDKHttpException` (an Error with requestId and traceId). */
function sdkError(fields: {
  message: string;
  code?: string;
  httpCode?: number;
  requestId?: string;
}) {
  const { message, ...rest } = fields;
  return Object.assign(new Error(message), { requestId: '', traceId: 'trace-1', ...rest });
}

/** A client that answers each request with the next outcome, and records what it was sent. */
function clientAnswering(...outcomes: unknown[]) {
  const sent: { action: string; params: object }[] = [];
  const client: ActionClient = {
    request: jest.fn(async (action: string, params: object) => {
      sent.push({ action, params });
      const outcome = outcomes.length > 1 ? outcomes.shift() : outcomes[0];
      if (outcome instanceof Error) throw outcome;
      return outcome;
    }),
  };
  return { client, sent };
}

function apiWith(client: ActionClient, extra: { sleeps?: number[]; limiter?: RateLimiter } = {}) {
  return new TencentCloudLiveApi({
    credentials: CREDENTIALS,
    endpoint: 'http://127.0.0.1:4020',
    client,
    backoff: {
      random: () => 0.5,
      sleep: async (ms) => {
        extra.sleeps?.push(ms);
      },
    },
    ...(extra.limiter && { rateLimiter: extra.limiter }),
  });
}

function failureOf(promise: Promise<unknown>): Promise<Error> {
  return errorRejectedBy(promise, 'expected the call to fail');
}

describe('TencentCloudLiveApi', () => {
  it('sends the action with the request as given and returns Tencent Response', async () => {
    const { client, sent } = clientAnswering({ TemplateId: 7, RequestId: 'r-1' });

    const answer = await apiWith(client).CreateLiveCallbackTemplate({
      TemplateName: 'tencent-css-recordings-test',
      RecordNotifyUrl: 'https://example.com/callback',
    });

    expect(answer).toEqual({ TemplateId: 7, RequestId: 'r-1' });
    expect(sent).toEqual([
      {
        action: 'CreateLiveCallbackTemplate',
        params: {
          TemplateName: 'tencent-css-recordings-test',
          RecordNotifyUrl: 'https://example.com/callback',
        },
      },
    ]);
  });

  it('sends an empty request for the actions that take none', async () => {
    const { client, sent } = clientAnswering({ Rules: [], RequestId: 'r' });

    await apiWith(client).DescribeLiveCallbackRules();

    expect(sent).toEqual([{ action: 'DescribeLiveCallbackRules', params: {} }]);
  });

  it.each([
    ['AuthFailure.SignatureFailure', 'check TENCENTCLOUD_SECRET_KEY'],
    ['AuthFailure.SecretIdNotFound', 'check TENCENTCLOUD_SECRET_ID'],
    ['AuthFailure.InvalidSecretId', 'check TENCENTCLOUD_SECRET_ID'],
    [
      'AuthFailure.SignatureExpire',
      "check this machine's clock (Tencent accepts requests signed within 5 minutes of its time)",
    ],
    [
      'AuthFailure.UnauthorizedOperation',
      "the key may not call live:DescribeLiveCallbackRules; grant it in Tencent's CAM console",
    ],
    ['AuthFailure.TokenFailure', 'check TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY'],
  ])('turns %s into an auth error that says to %s', async (code, advice) => {
    const { client } = clientAnswering(sdkError({ code, message: 'refused', requestId: 'r-2' }));

    const error = await failureOf(apiWith(client).DescribeLiveCallbackRules());

    expect(error).toBeInstanceOf(TencentAuthError);
    expect(error.message).toBe(`Tencent refused the credentials (${code}): ${advice}`);
  });

  it('names the credentials it was told to in auth errors (an SSM parameter, for functions)', async () => {
    const { client } = clientAnswering(
      sdkError({ code: 'AuthFailure.SignatureFailure', message: 'refused' }),
    );
    const api = new TencentCloudLiveApi({
      credentials: CREDENTIALS,
      client,
      credentialNames: {
        secretId: 'secretId in /css/tencent',
        secretKey: 'secretKey in /css/tencent',
      },
    });

    const error = await failureOf(api.DescribeLiveCallbackRules());

    expect(error.message).toMatch(/check secretKey in \/css\/tencent$/);
  });

  it('retries RequestLimitExceeded with growing, jittered waits, then returns the answer', async () => {
    const throttled = sdkError({ code: 'RequestLimitExceeded', message: 'too many' });
    const { client, sent } = clientAnswering(throttled, throttled, throttled, { Rules: [] });
    const sleeps: number[] = [];
    const turns: string[] = [];
    const limiter: RateLimiter = {
      acquire: async (action) => {
        turns.push(`acquire ${action} (${sent.length} sent)`);
        return () => turns.push(`release ${action} (${sent.length} sent)`);
      },
    };

    const answer = await apiWith(client, { sleeps, limiter }).DescribeLiveCallbackRules();

    expect(answer).toEqual({ Rules: [] });
    expect(sent).toHaveLength(4);
    // random() = 0.5: three quarters of 250, 500, 1000 ms.
    expect(sleeps).toEqual([187.5, 375, 750]);
    // A turn before each attempt is sent, handed back once its answer (a refusal too) is in.
    expect(turns).toEqual(
      [0, 1, 2, 3].flatMap((n) => [
        `acquire DescribeLiveCallbackRules (${n} sent)`,
        `release DescribeLiveCallbackRules (${n + 1} sent)`,
      ]),
    );
  });

  it('retries the RequestLimitExceeded sub-codes too', async () => {
    const throttled = sdkError({
      code: 'RequestLimitExceeded.UinLimitExceeded',
      message: 'slow down',
    });
    const { client, sent } = clientAnswering(throttled, { Rules: [] });

    await apiWith(client).DescribeLiveCallbackRules();

    expect(sent).toHaveLength(2);
  });

  it('gives up after the attempts with an error naming the action', async () => {
    const { client, sent } = clientAnswering(
      sdkError({ code: 'RequestLimitExceeded', message: 'too many' }),
    );

    const error = await failureOf(
      apiWith(client).DescribeCallbackRecordsList({
        StartTime: '2027-03-01T00:00:00Z',
        EndTime: '2027-03-01T01:00:00Z',
        StreamName: 's',
        PageNum: 1,
        PageSize: 10,
      }),
    );

    expect(error).toBeInstanceOf(TencentRateLimitedError);
    expect(error.message).toBe(
      'Tencent throttled DescribeCallbackRecordsList (RequestLimitExceeded) 6 times in a row: ' +
        'try again later, or make fewer requests a second',
    );
    expect(sent).toHaveLength(6);
  });

  it('does not retry other errors', async () => {
    const { client, sent } = clientAnswering(
      sdkError({ code: 'InternalError', message: 'boom', requestId: 'r-3' }),
    );

    await failureOf(apiWith(client).DescribeLiveCallbackRules());

    expect(sent).toHaveLength(1);
  });

  it('says Tencent is unreachable, and where, when the request never got an answer', async () => {
    const { client } = clientAnswering(
      sdkError({
        message:
          'request to http://live.tencentcloudapi.com:4020/ failed, reason: connect ECONNREFUSED 127.0.0.1:4020',
      }),
    );

    const error = await failureOf(apiWith(client).DescribeLiveCallbackRules());

    expect(error).toBeInstanceOf(TencentUnreachableError);
    expect(error.message).toMatch(
      /^Tencent Cloud API is unreachable at http:\/\/127\.0\.0\.1:4020 \(DescribeLiveCallbackRules: .*ECONNREFUSED.*\): check the network, or TENCENTCLOUD_ENDPOINT if it is set$/,
    );
  });

  it('says how long it waited when the request timed out', async () => {
    const { client } = clientAnswering(
      sdkError({ message: 'network timeout at: http://live.tencentcloudapi.com:4020/' }),
    );

    const error = await failureOf(apiWith(client).DescribeLiveCallbackRules());

    expect(error.message).toContain('(DescribeLiveCallbackRules: no answer within 15 s)');
  });

  it('says Tencent is unreachable on an HTTP error status (a proxy, an outage)', async () => {
    const { client } = clientAnswering(sdkError({ message: 'Bad Gateway', httpCode: 502 }));

    const error = await failureOf(apiWith(client).DescribeLiveCallbackRules());

    expect(error).toBeInstanceOf(TencentUnreachableError);
    expect(error.message).toContain('(DescribeLiveCallbackRules: HTTP 502)');
  });

  it('says Tencent is unreachable when something else answered (a body that is not JSON)', async () => {
    const { client } = clientAnswering(new SyntaxError('Unexpected token < in JSON at position 0'));

    const error = await failureOf(apiWith(client).DescribeLiveCallbackRules());

    expect(error).toBeInstanceOf(TencentUnreachableError);
    expect(error.message).toContain("the answer is not Tencent's API");
  });

  it("names the action, Tencent's code and message, and the RequestId of any other error", async () => {
    const { client } = clientAnswering(
      sdkError({
        code: 'InternalError.RuleAlreadyExist',
        message: 'rule exists',
        requestId: 'r-4',
      }),
    );

    const error = await failureOf(
      apiWith(client).CreateLiveCallbackRule({
        DomainName: 'push.example.com',
        AppName: 'live',
        TemplateId: 1,
      }),
    );

    expect(error).toBeInstanceOf(TencentApiError);
    expect(error).toMatchObject({
      action: 'CreateLiveCallbackRule',
      code: 'InternalError.RuleAlreadyExist',
      requestId: 'r-4',
    });
    expect(error.message).toBe(
      'Tencent refused CreateLiveCallbackRule: InternalError.RuleAlreadyExist: rule exists (RequestId r-4)',
    );
  });

  it('never repeats the callback key or the SecretKey, even when Tencent echoes them', async () => {
    const echo = `CallbackKey ${CALLBACK_KEY} is invalid; signed with ${CREDENTIALS.secretKey}`;
    const { client } = clientAnswering(
      sdkError({ code: 'InvalidParameterValue', message: echo, requestId: 'r-5' }),
    );

    const error = await failureOf(
      apiWith(client).ModifyLiveCallbackTemplate({ TemplateId: 1, CallbackKey: CALLBACK_KEY }),
    );

    const seen = `${error.message} ${String((error.cause as Error).message)} ${JSON.stringify(error)}`;
    expect(seen).not.toContain(CALLBACK_KEY);
    expect(seen).not.toContain(CREDENTIALS.secretKey);
    expect(error.message).toContain('CallbackKey [redacted] is invalid');
  });
});

describe('tencentCloudLiveApiFromEnv', () => {
  it('fails at once, naming the variable, when a credential is missing', () => {
    expect(() => tencentCloudLiveApiFromEnv({ TENCENTCLOUD_SECRET_ID: 'AKIDexample' })).toThrow(
      TencentConfigurationError,
    );
    expect(() => tencentCloudLiveApiFromEnv({ TENCENTCLOUD_SECRET_ID: 'AKIDexample' })).toThrow(
      /TENCENTCLOUD_SECRET_KEY/,
    );
  });

  it('refuses a TENCENTCLOUD_ENDPOINT that is not a plain http(s) URL', () => {
    const env = {
      TENCENTCLOUD_SECRET_ID: 'AKIDexample',
      TENCENTCLOUD_SECRET_KEY: 'key',
      TENCENTCLOUD_ENDPOINT: 'localhost:4020',
    };

    expect(() => tencentCloudLiveApiFromEnv(env)).toThrow(/TENCENTCLOUD_ENDPOINT/);
  });
});
