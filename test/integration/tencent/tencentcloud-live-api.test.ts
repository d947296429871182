import {
  TencentApiError,
  TencentAuthError,
  TencentUnreachableError,
} from '../../../lib/tencent/errors';
import { TencentCloudLiveApi } from '../../../lib/tencent/tencentcloud-live-api';
import type { TencentCredentials } from '../../../lib/tencent/credentials';
import { TEST_TENCENT_CREDENTIALS, useLocalTencent } from '../../support/local-tencent';
import { closedPort } from '../../support/ports';
import { errorRejectedBy } from '../../support/thrown';

const local = useLocalTencent();
const CALLBACK_KEY = 'IntegrationCallbackKey7';
const CALLBACK_URL = 'http://localhost:3000/callback';
const HOUR = 3_600_000;

function live(
  credentials: TencentCredentials = TEST_TENCENT_CREDENTIALS,
  endpoint = local.tencent.url,
) {
  return new TencentCloudLiveApi({ credentials, endpoint });
}

/**
 * The error a call failed with, checked on the way for secrets: no message (nor its cause's)
 * carries the SecretKey or a callback key, whatever the call was.
 */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await errorRejectedBy(promise, 'expected the call to fail');
  const text = `${error.message} ${String((error.cause as Error)?.message)}`;
  expect(text).not.toContain(TEST_TENCENT_CREDENTIALS.secretKey);
  expect(text).not.toContain(CALLBACK_KEY);
  return error;
}

function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

describe('TencentCloudLiveApi against the local Tencent', () => {
  it('creates, describes, modifies, binds, unbinds and deletes a callback template', async () => {
    const api = live();

    const { TemplateId } = await api.CreateLiveCallbackTemplate({
      TemplateName: 'tencent-css-recordings-test',
      RecordNotifyUrl: CALLBACK_URL,
      CallbackKey: CALLBACK_KEY,
    });
    await api.ModifyLiveCallbackTemplate({
      TemplateId: TemplateId!,
      StreamBeginNotifyUrl: CALLBACK_URL,
      RecordStatusNotifyUrl: CALLBACK_URL,
    });
    const { Templates } = await api.DescribeLiveCallbackTemplates();
    await api.CreateLiveCallbackRule({
      DomainName: 'push.example.com',
      AppName: 'live',
      TemplateId: TemplateId!,
    });
    const { Rules } = await api.DescribeLiveCallbackRules();
    const binding = local.tencent.state.binding('push.example.com');
    const inUse = await failure(api.DeleteLiveCallbackTemplate({ TemplateId: TemplateId! }));
    await api.DeleteLiveCallbackRule({ DomainName: 'push.example.com', AppName: 'live' });
    await api.DeleteLiveCallbackTemplate({ TemplateId: TemplateId! });
    const after = await api.DescribeLiveCallbackTemplates();

    expect(Templates).toEqual([
      expect.objectContaining({
        TemplateId,
        TemplateName: 'tencent-css-recordings-test',
        RecordNotifyUrl: CALLBACK_URL,
        StreamBeginNotifyUrl: CALLBACK_URL,
        StreamEndNotifyUrl: '',
        CallbackKey: CALLBACK_KEY,
      }),
    ]);
    expect(Rules).toEqual([
      {
        DomainName: 'push.example.com',
        AppName: 'live',
        TemplateId,
        CreateTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) as string,
        UpdateTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) as string,
      },
    ]);
    expect(binding?.template).toMatchObject({
      RecordNotifyUrl: CALLBACK_URL,
      RecordStatusNotifyUrl: CALLBACK_URL,
      CallbackKey: CALLBACK_KEY,
    });
    expect(inUse).toBeInstanceOf(TencentApiError);
    expect(inUse).toMatchObject({
      action: 'DeleteLiveCallbackTemplate',
      code: 'FailedOperation.ConfInUsed',
    });
    expect(after.Templates).toEqual([]);
    expect(local.tencent.state.rules()).toEqual([]);
  });

  it("refuses a second rule for a domain/app with Tencent's error, naming the action", async () => {
    const api = live();
    const first = await api.CreateLiveCallbackTemplate({
      TemplateName: 'first',
      RecordNotifyUrl: CALLBACK_URL,
    });
    const second = await api.CreateLiveCallbackTemplate({
      TemplateName: 'second',
      RecordNotifyUrl: CALLBACK_URL,
    });
    await api.CreateLiveCallbackRule({
      DomainName: 'push.example.com',
      AppName: 'live',
      TemplateId: first.TemplateId!,
    });

    const error = await failure(
      api.CreateLiveCallbackRule({
        DomainName: 'push.example.com',
        AppName: 'live',
        TemplateId: second.TemplateId!,
      }),
    );

    expect(error).toMatchObject({ code: 'InternalError.RuleAlreadyExist' });
    expect(error.message).toMatch(
      /^Tencent refused CreateLiveCallbackRule: InternalError\.RuleAlreadyExist: .* \(RequestId [0-9a-f-]{36}\)$/,
    );
    expect(local.tencent.state.binding('push.example.com')?.template.TemplateName).toBe('first');
  });

  it('keeps template names unique and at most 50 templates', async () => {
    const api = live();
    for (let i = 0; i < 50; i++) {
      await api.CreateLiveCallbackTemplate({
        TemplateName: `t${i}`,
        RecordNotifyUrl: CALLBACK_URL,
      });
    }

    const duplicate = await failure(
      api.CreateLiveCallbackTemplate({ TemplateName: 't0', RecordNotifyUrl: CALLBACK_URL }),
    );
    const fiftyFirst = await failure(
      api.CreateLiveCallbackTemplate({ TemplateName: 't50', RecordNotifyUrl: CALLBACK_URL }),
    );

    expect(duplicate).toMatchObject({ code: 'InvalidParameter.ArgsNotMatch' });
    expect(fiftyFirst).toMatchObject({ code: 'InternalError.ConfOutLimit' });
  });

  it('refuses a callback key that is not 1 to 32 letters and digits, without repeating it', async () => {
    const error = await failure(
      live().CreateLiveCallbackTemplate({
        TemplateName: 'bad-key',
        RecordNotifyUrl: CALLBACK_URL,
        CallbackKey: `${CALLBACK_KEY}-with-dashes`,
      }),
    );

    expect(error).toMatchObject({ code: 'InvalidParameterValue' });
    expect(error.message).not.toContain(CALLBACK_KEY);
  });

  it('lists push sessions page by page to the end, newest first', async () => {
    const now = Date.now();
    for (let i = 0; i < 23; i++) {
      local.tencent.state.addPushSession({
        domain: 'push.example.com',
        stream: `stream-${i}`,
        start: new Date(now - 10 * HOUR + i * 60_000),
        end: new Date(now - 9 * HOUR + i * 60_000),
      });
    }
    const api = live();

    const pages = [];
    for (let page = 1; ; page++) {
      const answer = await api.DescribeLiveStreamEventList({
        StartTime: utc(now - 24 * HOUR),
        EndTime: utc(now),
        DomainName: 'push.example.com',
        PageNum: page,
        PageSize: 10,
      });
      pages.push(answer);
      if (page >= answer.TotalPage) break;
    }

    expect(pages.map((page) => page.EventList.length)).toEqual([10, 10, 3]);
    expect(pages[0]).toMatchObject({ TotalNum: 23, TotalPage: 3, PageNum: 1, PageSize: 10 });
    expect(pages[0]?.EventList[0]).toEqual({
      AppName: 'live',
      DomainName: 'push.example.com',
      StreamName: 'stream-22',
      StreamStartTime: utc(now - 10 * HOUR + 22 * 60_000),
      StreamEndTime: utc(now - 9 * HOUR + 22 * 60_000),
      StopReason: 'NormalStop',
      Duration: 3600,
      ClientIp: '203.0.113.10',
      Resolution: '1920*1080',
    });
  });

  it('returns the callbacks Tencent sent for one stream, with the bodies as sent', async () => {
    const now = Date.now();
    const body = { event_type: 100, stream_id: 'stream-a', file_id: 'f1', sign: 'x', t: 1 };
    local.tencent.state.addCallbackRecord({
      stream: 'stream-a',
      eventType: 100,
      time: new Date(now - HOUR),
      request: body,
    });
    local.tencent.state.addCallbackRecord({
      stream: 'stream-a',
      eventType: 1,
      time: new Date(now - 2 * HOUR),
      request: '{}',
    });
    local.tencent.state.addCallbackRecord({
      stream: 'stream-b',
      eventType: 100,
      time: new Date(now - HOUR),
      request: '{}',
    });

    const answer = await live().DescribeCallbackRecordsList({
      StartTime: utc(now - 3 * HOUR),
      EndTime: utc(now),
      StreamName: 'stream-a',
      EventType: 100,
      PageNum: 1,
      PageSize: 10,
    });

    expect(answer).toMatchObject({ TotalNum: 1, TotalPage: 1, PageNum: 1, PageSize: 10 });
    expect(answer.DataInfoList).toEqual([
      {
        EventTime: utc(now - HOUR),
        EventType: 100,
        Request: JSON.stringify(body),
        Response: '{"code":0}',
        ResponseTime: utc(now - HOUR),
        ResultCode: 0,
        StreamId: 'stream-a',
      },
    ]);
  });

  it.each<{
    limit: string;
    request: (now: number) => Parameters<TencentCloudLiveApi['DescribeCallbackRecordsList']>[0];
  }>([
    {
      limit: 'a window longer than one day',
      request: (now) => ({
        StartTime: utc(now - 25 * HOUR),
        EndTime: utc(now),
        StreamName: 's',
        PageNum: 1,
        PageSize: 10,
      }),
    },
    {
      limit: 'a start more than 14 days back',
      request: (now) => ({
        StartTime: utc(now - 15 * 24 * HOUR),
        EndTime: utc(now - 15 * 24 * HOUR + HOUR),
        StreamName: 's',
        PageNum: 1,
        PageSize: 10,
      }),
    },
    {
      limit: 'no stream (one stream exactly)',
      request: (now) => ({
        StartTime: utc(now - HOUR),
        EndTime: utc(now),
        StreamName: '',
        PageNum: 1,
        PageSize: 10,
      }),
    },
    {
      limit: 'an event type Tencent does not keep (332)',
      request: (now) => ({
        StartTime: utc(now - HOUR),
        EndTime: utc(now),
        StreamName: 's',
        EventType: 332,
        PageNum: 1,
        PageSize: 10,
      }),
    },
    {
      limit: 'a page of more than 100',
      request: (now) => ({
        StartTime: utc(now - HOUR),
        EndTime: utc(now),
        StreamName: 's',
        PageNum: 1,
        PageSize: 101,
      }),
    },
  ])(
    'DescribeCallbackRecordsList refuses $limit with InvalidParameterValue',
    async ({ request }) => {
      const error = await failure(live().DescribeCallbackRecordsList(request(Date.now())));

      expect(error).toBeInstanceOf(TencentApiError);
      expect(error).toMatchObject({
        action: 'DescribeCallbackRecordsList',
        code: 'InvalidParameterValue',
      });
    },
  );

  it.each<{
    limit: string;
    request: (now: number) => Parameters<TencentCloudLiveApi['DescribeLiveStreamEventList']>[0];
  }>([
    {
      limit: 'a start more than 60 days back',
      request: (now) => ({
        StartTime: utc(now - 61 * 24 * HOUR),
        EndTime: utc(now - 60 * 24 * HOUR),
      }),
    },
    {
      limit: 'a window longer than 30 days',
      request: (now) => ({ StartTime: utc(now - 31 * 24 * HOUR), EndTime: utc(now) }),
    },
    {
      limit: 'an end in the future',
      request: (now) => ({ StartTime: utc(now - HOUR), EndTime: utc(now + HOUR) }),
    },
    {
      limit: 'a page of more than 100',
      request: (now) => ({ StartTime: utc(now - HOUR), EndTime: utc(now), PageSize: 101 }),
    },
    {
      limit: 'paging past 10,000 entries',
      request: (now) => ({
        StartTime: utc(now - HOUR),
        EndTime: utc(now),
        PageNum: 101,
        PageSize: 100,
      }),
    },
  ])(
    'DescribeLiveStreamEventList refuses $limit with InvalidParameterValue',
    async ({ request }) => {
      const error = await failure(live().DescribeLiveStreamEventList(request(Date.now())));

      expect(error).toMatchObject({
        action: 'DescribeLiveStreamEventList',
        code: 'InvalidParameterValue',
      });
    },
  );

  it('says which variable to check when Tencent refuses the credentials', async () => {
    const wrongKey = await failure(
      live({
        ...TEST_TENCENT_CREDENTIALS,
        secretKey: 'notTheRightSecretKey',
      }).DescribeLiveCallbackRules(),
    );
    const unknownId = await failure(
      live({
        ...TEST_TENCENT_CREDENTIALS,
        secretId: 'AKIDnobodyKnowsThisOne',
      }).DescribeLiveCallbackRules(),
    );

    expect(wrongKey).toBeInstanceOf(TencentAuthError);
    expect(wrongKey.message).toBe(
      'Tencent refused the credentials (AuthFailure.SignatureFailure): check TENCENTCLOUD_SECRET_KEY',
    );
    expect(unknownId.message).toBe(
      'Tencent refused the credentials (AuthFailure.SecretIdNotFound): check TENCENTCLOUD_SECRET_ID',
    );
  });

  it('rides out RequestLimitExceeded: 25 requests at once all succeed after backoff', async () => {
    // Tencent refuses five of them: injected, so the burst meets it however the machine runs.
    const { state } = local.tencent;
    state.injectFault({
      kind: 'refuse',
      code: 'RequestLimitExceeded',
      action: 'DescribeLiveCallbackRules',
      times: 5,
    });
    const api = live();

    const answers = await Promise.all(
      Array.from({ length: 25 }, () => api.DescribeLiveCallbackRules()),
    );

    expect(answers).toHaveLength(25);
    expect(answers.every((answer) => Array.isArray(answer.Rules))).toBe(true);
    expect(state.counters.throttled).toBe(5);
    expect(state.counters.requests.DescribeLiveCallbackRules).toBe(30);
  });

  it('keeps a burst to 15 requests of an action in any second: Tencent, at 20, refuses none', async () => {
    const api = live();

    await Promise.all(Array.from({ length: 40 }, () => api.DescribeLiveCallbackRules()));

    expect(local.tencent.state.counters).toMatchObject({
      requests: { DescribeLiveCallbackRules: 40 },
      throttled: 0,
    });
  });

  it('says Tencent is unreachable, and at which endpoint, when nothing answers', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;

    const error = await failure(live(TEST_TENCENT_CREDENTIALS, url).DescribeLiveCallbackRules());

    expect(error).toBeInstanceOf(TencentUnreachableError);
    expect(error.message).toBe(
      `Tencent Cloud API is unreachable at ${url} (DescribeLiveCallbackRules: connect ECONNREFUSED ${url.replace('http://', '')}): ` +
        'check the network, or TENCENTCLOUD_ENDPOINT if it is set',
    );
  });

  it('gives up on a Tencent that never answers, after its timeout', async () => {
    local.tencent.state.injectFault({ kind: 'hang' });
    const api = new TencentCloudLiveApi({
      credentials: TEST_TENCENT_CREDENTIALS,
      endpoint: local.tencent.url,
      timeoutSeconds: 1,
    });

    const error = await failure(api.DescribeLiveCallbackRules());

    expect(error).toBeInstanceOf(TencentUnreachableError);
    expect(error.message).toContain('(DescribeLiveCallbackRules: no answer within 1 s)');
  });
});
