import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TencentCloudLiveApi } from '../../../lib/tencent/tencentcloud-live-api';
import { answerControl } from '../../../local-tencent/control';
import { LocalTencentState } from '../../../local-tencent/state';
import { TEST_TENCENT_CREDENTIALS, useLocalTencent } from '../../support/local-tencent';

// The local Tencent's control API: what the simulator writes there, the history actions report.
const local = useLocalTencent();
const MINUTE = 60_000;

function post(path: string, body: unknown, method = 'POST') {
  return fetch(`${local.tencent.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(method === 'POST' && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

const api = () =>
  new TencentCloudLiveApi({ credentials: TEST_TENCENT_CREDENTIALS, endpoint: local.tencent.url });

function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

describe('POST /_local/callback-records', () => {
  it('adds a callback Tencent sent, which DescribeCallbackRecordsList then reports as sent', async () => {
    const sent = Date.now() - 5 * MINUTE;
    const request = '{"event_type":100,"stream_id":"room-1","sign":"x","t":1}';

    const answer = await post('/_local/callback-records', {
      stream: 'room-1',
      eventType: 100,
      time: new Date(sent).toISOString(),
      request,
      response: '',
      resultCode: -1,
      responseTime: new Date(sent + 1000).toISOString(),
    });
    const { DataInfoList } = await api().DescribeCallbackRecordsList({
      StreamName: 'room-1',
      StartTime: utc(sent - MINUTE),
      EndTime: utc(sent + MINUTE),
      PageNum: 1,
      PageSize: 10,
    });

    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
    expect(DataInfoList).toEqual([
      {
        EventTime: utc(sent),
        EventType: 100,
        Request: request,
        Response: '',
        ResponseTime: utc(sent + 1000),
        ResultCode: -1,
        StreamId: 'room-1',
      },
    ]);
  });

  it.each([
    [
      'no stream',
      { eventType: 1, time: '2026-11-29T10:00:00Z', request: '{}' },
      'stream must be a string',
    ],
    [
      'a bad time',
      { stream: 's', eventType: 1, time: 'yesterday', request: '{}' },
      'time must be an ISO-8601 time',
    ],
    [
      'a fractional event type',
      { stream: 's', eventType: 1.5, time: '2026-11-29T10:00:00Z', request: '{}' },
      'eventType must be an integer',
    ],
  ])('refuses a record with %s (400, naming the field)', async (_name, body, message) => {
    const answer = await post('/_local/callback-records', body);

    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: message });
    expect(local.tencent.state.callbackRecords()).toEqual([]);
  });
});

describe('POST /_local/push-sessions', () => {
  it('adds a push, which DescribeLiveStreamEventList then lists', async () => {
    const end = Date.now() - MINUTE;
    const start = end - 30 * MINUTE;

    const answer = await post('/_local/push-sessions', {
      domain: 'push.example.com',
      stream: 'room-1',
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      clientIp: '198.51.100.7',
    });
    const { EventList } = await api().DescribeLiveStreamEventList({
      StartTime: utc(start - MINUTE),
      EndTime: utc(end + 1000),
    });

    expect(answer.status).toBe(200);
    expect(EventList).toEqual([
      expect.objectContaining({
        DomainName: 'push.example.com',
        AppName: 'live',
        StreamName: 'room-1',
        ClientIp: '198.51.100.7',
        Duration: 1800,
      }),
    ]);
  });

  it('refuses a push that ends before it starts', async () => {
    const answer = await post('/_local/push-sessions', {
      domain: 'push.example.com',
      stream: 'room-1',
      start: '2026-11-29T10:00:00Z',
      end: '2026-11-29T09:00:00Z',
    });

    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: 'end is before start' });
  });
});

describe('POST /_local/notify-urls', () => {
  it("answers every notify URL of a template, the one Tencent's Describe never shows included", async () => {
    const url = 'https://callbacks.example.com/callback';
    const { TemplateId } = await api().CreateLiveCallbackTemplate({
      TemplateName: 'notify-urls',
      RecordNotifyUrl: url,
      RecordStatusNotifyUrl: url,
      CallbackKey: 'NotifyUrlsKey1',
    });

    const answer = await post('/_local/notify-urls', { templateId: TemplateId });
    const { Templates = [] } = await api().DescribeLiveCallbackTemplates();

    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      ok: true,
      urls: {
        StreamBeginNotifyUrl: '',
        StreamEndNotifyUrl: '',
        RecordNotifyUrl: url,
        RecordStatusNotifyUrl: url,
        SnapshotNotifyUrl: '',
        PornCensorshipNotifyUrl: '',
        PushExceptionNotifyUrl: '',
        AudioAuditNotifyUrl: '',
        RecordExceptionNotifyUrl: '',
      },
    });
    expect(Templates.find((template) => template.TemplateId === TemplateId)).not.toHaveProperty(
      'RecordStatusNotifyUrl',
    );
  });

  it('answers 404 for a template that does not exist', async () => {
    const answer = await post('/_local/notify-urls', { templateId: 999_999 });

    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ error: 'no template 999999' });
  });
});

describe('POST /_local/faults', () => {
  it('makes the next requests of an action be refused with the given code, then served again', async () => {
    const answer = await post('/_local/faults', {
      refuse: 'InternalError',
      action: 'DescribeLiveCallbackRules',
      times: 2,
    });
    const outcomes = [];
    for (let request = 0; request < 3; request++) {
      outcomes.push(
        await api()
          .DescribeLiveCallbackRules()
          .then(
            () => 'served',
            (error: Error) => error.message,
          ),
      );
    }

    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true, pending: 2 });
    expect(outcomes).toEqual([
      expect.stringContaining('InternalError: An internal error occurred.'),
      expect.stringContaining('InternalError: An internal error occurred.'),
      'served',
    ]);
  });

  it('leaves other actions alone, and forgets what is left on faults/clear', async () => {
    await post('/_local/faults', {
      refuse: 'ResourceUnavailable',
      action: 'DescribeLiveCallbackRules',
    });

    const other = await api().DescribeLiveCallbackTemplates();
    const cleared = await post('/_local/faults/clear', {});
    const after = await api().DescribeLiveCallbackRules();

    expect(other.Templates).toEqual([]);
    expect(cleared.status).toBe(200);
    expect(after.Rules).toEqual([]);
    expect(local.tencent.state.pendingFaults()).toBe(0);
  });

  it.each([
    ['no fault', {}],
    ['two faults at once', { refuse: 'InternalError', hang: true }],
    ['a negative delay', { delayMs: -5 }],
    ['hang: false', { hang: false }],
    ['no request at all', { hang: true, times: 0 }],
  ])('refuses %s (400), injecting nothing', async (_case, body) => {
    const answer = await post('/_local/faults', body);

    expect(answer.status).toBe(400);
    expect(local.tencent.state.pendingFaults()).toBe(0);
  });
});

describe('the control API', () => {
  it('answers 404 for another route, 405 for GET and 400 for a body that is not JSON', async () => {
    expect((await post('/_local/streams', {})).status).toBe(404);
    expect((await post('/_local/push-sessions', undefined, 'GET')).status).toBe(405);
    expect((await post('/_local/push-sessions', 'not json')).status).toBe(400);
  });

  it("is not one of Tencent's actions: it needs no signature, and no request counts against the API", async () => {
    const answer = await post('/_local/push-sessions', {
      domain: 'push.example.com',
      stream: 'room-2',
      start: '2026-11-29T09:00:00Z',
      end: '2026-11-29T10:00:00Z',
    });

    expect(answer.status).toBe(200);
    expect(local.tencent.state.counters.requests).toEqual({});
    expect(local.tencent.state.counters.authFailures).toBe(0);
  });

  it('refuses clients that are not on loopback', async () => {
    const request = Object.assign(Readable.from([Buffer.from('{}')]), {
      socket: { remoteAddress: '198.51.100.7' },
      method: 'POST',
      url: '/_local/push-sessions',
    }) as unknown as IncomingMessage;
    const sent: { status?: number; body?: string } = {};
    const response = {
      writeHead: (status: number) => (sent.status = status),
      end: (body: string) => (sent.body = body),
    } as unknown as ServerResponse;

    await answerControl(request, response, new LocalTencentState());

    expect(sent.status).toBe(403);
    expect(JSON.parse(sent.body ?? '{}')).toEqual({
      error: 'the control API answers loopback clients only',
    });
  });
});
