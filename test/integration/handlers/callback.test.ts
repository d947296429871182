import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { signCallback } from '../../../lib/callback/sign-callback';
import { BookkeepingField } from '../../../lib/record/bookkeeping';
import { computeSign } from '../../../lib/callback/signature';
import { captureOutput } from '../../support/capture-output';
import { eventsOfStream, handlerEnvironment, useLocalAws } from '../../support/local-aws';
import { postCallback, type HttpHandler } from '../../../fakes/http-api-event';
import { loadHandler, TEST_BUS, TEST_KEY } from '../../support/load-handler';
import { FIXTURES, fixture, uniqueStreamId } from '../../support/fixtures';
import { itemsOfStream, readItem } from '../../support/table';

const aws = useLocalAws();

const HANDLER = '../../handlers/callback';
// Every attribute the outbox keeps beside the record in its item; the event carries none of them.
const BOOKKEEPING: string[] = Object.values(BookkeepingField);

let handler: HttpHandler;

beforeAll(async () => {
  handler = await loadHandler(HANDLER, handlerEnvironment(aws, `OldKey42,${TEST_KEY}`));
});

const eventsFor = (streamId: string) => eventsOfStream(aws.bus, streamId);
/** The item of the documented example's file (`file_id` 1234567890) on `streamId`. */
const documentedItem = (streamId: string) =>
  readItem(aws.db, aws.tableName, { stream_id: streamId, file_id: '1234567890' });

describe('a valid recording callback', () => {
  it('is answered 200 {"code":0}, stored under stream_id/file_id and published to the bus', async () => {
    const streamId = uniqueStreamId();
    const payload = signCallback(fixture(FIXTURES.documented, { stream_id: streamId }), TEST_KEY);

    const answer = await postCallback(handler, payload);

    expect(answer.statusCode).toBe(200);
    expect(answer.body).toEqual({ code: 0 });
    const item = await documentedItem(streamId);
    expect(item).toMatchObject({
      event_type: 100,
      appid: 12345678,
      stream_id: streamId,
      file_id: '1234567890',
      file_format: 'hls',
      duration: 154,
      file_size: 277941079,
      content_start_time: 1642089598 - 154,
      end_time_iso: '2022-01-13T15:59:58.618Z',
      callback_ext: { video_codec: 'h264', resolution: '640x480' },
      stream_param: { stream_param: 'test' },
      version: 1,
    });
    expect(item).not.toHaveProperty('sign');
    expect(item).not.toHaveProperty('t');
    expect(item).toHaveProperty('published_at');
    expect(item).not.toHaveProperty('publish_pending');
    // Delivered, and waiting for Tencent's history to confirm it (see docs/recovery.md).
    expect(item).toMatchObject({ received_via: 'callback', verify_pending: 'UNVERIFIED' });

    const [event, ...more] = eventsFor(streamId);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({
      EventBusName: TEST_BUS,
      Source: 'tencentcloud.css',
      DetailType: 'Recording File Created',
    });
    const detail = JSON.parse(event?.Detail ?? '{}') as Record<string, unknown>;
    const recordFields = Object.fromEntries(
      Object.entries(item ?? {}).filter(([name]) => !BOOKKEEPING.includes(name)),
    );
    expect(detail).toEqual({ ...recordFields, id: `${streamId}/1234567890`, version: 1 });
  });

  it('stores numbers sent as strings as DynamoDB numbers and keeps unknown fields', async () => {
    const streamId = uniqueStreamId();
    const payload = signCallback(
      fixture(FIXTURES.legacyStrings, { stream_id: streamId }),
      TEST_KEY,
    );

    const answer = await postCallback(handler, payload);

    expect(answer.statusCode).toBe(200);
    const { Item } = await aws.db.client.send(
      new GetItemCommand({
        TableName: aws.tableName,
        Key: { stream_id: { S: streamId }, file_id: { S: '5285890799710173650' } },
      }),
    );
    expect(Item?.file_size).toEqual({ N: '1048576000' });
    expect(Item?.duration).toEqual({ N: '3600' });
    expect(Item?.event_type).toEqual({ N: '100' });
    expect(Item?.file_format).toEqual({ S: 'mp4' });
    expect(Item?.video_id).toEqual({ S: '200025724_ac92b781a22c4a3e937c9e61c2624af7' });
    expect(Item?.vod2Flag).toEqual({ N: '1' });
    expect(Item?.record_temp_id).toEqual({ S: '' });
    expect(Item?.stream_param?.M?.txSecret).toEqual({ S: '[redacted]' });
  });

  it('accepts a body API Gateway delivered base64-encoded', async () => {
    const streamId = uniqueStreamId();
    const payload = signCallback(fixture(FIXTURES.minimal, { stream_id: streamId }), TEST_KEY);

    const answer = await postCallback(
      handler,
      Buffer.from(JSON.stringify(payload)).toString('base64'),
      true,
    );

    expect(answer.statusCode).toBe(200);
    expect(
      await readItem(aws.db, aws.tableName, { stream_id: streamId, file_id: '387702299774251234' }),
    ).toMatchObject({
      callback_ext: 'not json {',
      file_format: 'flv',
    });
  });

  it('is accepted when signed with the second of several configured keys (rotation)', async () => {
    const streamId = uniqueStreamId();

    const answer = await postCallback(
      handler,
      signCallback(fixture(FIXTURES.documented, { stream_id: streamId }), 'OldKey42'),
    );

    expect(answer.statusCode).toBe(200);
    expect(await itemsOfStream(aws.db, aws.tableName, streamId)).toHaveLength(1);
  });

  it('logs stream_id and file_id on its lines and no secret anywhere', async () => {
    const streamId = uniqueStreamId();
    const payload = signCallback(
      fixture(FIXTURES.legacyStrings, { stream_id: streamId }),
      TEST_KEY,
    );

    const answer = await postCallback(handler, payload);

    const lines = aws.output.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    const stored = lines.find((line) => line.message === 'recording created');
    expect(stored).toMatchObject({
      stream_id: streamId,
      file_id: '5285890799710173650',
      level: 'INFO',
    });
    const secrets = [TEST_KEY, payload.sign, '3f1b2c9d8e7a6b5c4d3e2f1a0b9c8d7e'];
    const item = await readItem(aws.db, aws.tableName, {
      stream_id: streamId,
      file_id: '5285890799710173650',
    });
    for (const secret of secrets) {
      expect(aws.output.text()).not.toContain(secret);
      expect(answer.raw).not.toContain(secret);
      expect(JSON.stringify(item)).not.toContain(secret);
      expect(JSON.stringify(eventsFor(streamId))).not.toContain(secret);
    }
  });
});

describe('redelivery', () => {
  it('of identical content answers 200 and changes nothing: one item, one event', async () => {
    const streamId = uniqueStreamId();
    const payload = fixture(FIXTURES.documented, { stream_id: streamId });
    await postCallback(handler, signCallback(payload, TEST_KEY));
    const first = await documentedItem(streamId);

    // Tencent re-signs each retry: a new t and sign over the same content.
    const answer = await postCallback(
      handler,
      signCallback(payload, TEST_KEY, Math.floor(Date.now() / 1000) + 601),
    );

    expect(answer).toMatchObject({ statusCode: 200, body: { code: 0 } });
    expect(await documentedItem(streamId)).toEqual(first);
    expect(eventsFor(streamId)).toHaveLength(1);
  });

  it('with changed content replaces the record, bumps version and publishes again', async () => {
    const streamId = uniqueStreamId();
    const payload = fixture(FIXTURES.documented, { stream_id: streamId });
    await postCallback(handler, signCallback(payload, TEST_KEY));
    const first = await documentedItem(streamId);

    const answer = await postCallback(
      handler,
      signCallback({ ...payload, file_size: 300000000 }, TEST_KEY),
    );

    expect(answer.statusCode).toBe(200);
    const item = await documentedItem(streamId);
    expect(item).toMatchObject({
      version: 2,
      file_size: 300000000,
      received_at: first?.received_at,
    });
    const events = eventsFor(streamId).map(
      (entry) => JSON.parse(entry.Detail ?? '{}') as Record<string, unknown>,
    );
    expect(events.map((detail) => [detail.version, detail.file_size])).toEqual([
      [1, 277941079],
      [2, 300000000],
    ]);
  });
});

describe('callbacks of other event types', () => {
  // Stored and published as every kind is: see callback.event-kinds.test.ts.
  it('an unsigned callback of another type is still refused with 401', async () => {
    const answer = await postCallback(handler, fixture(FIXTURES.screenshot));

    expect(answer.statusCode).toBe(401);
  });
});

describe('rejected callbacks change nothing', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const valid = (streamId: string) => fixture(FIXTURES.documented, { stream_id: streamId });

  it.each<[string, (streamId: string) => string | object, number, RegExp]>([
    ['body not JSON', () => '{"event_type": 100,', 400, /not valid JSON/],
    ['body a JSON array', () => '[1,2]', 400, /JSON object/],
    ['empty body', () => '', 400, /empty/],
    [
      'required field missing',
      (s) => signCallback({ ...valid(s), video_url: undefined }, TEST_KEY),
      400,
      /video_url is missing/,
    ],
    [
      'field of the wrong type',
      (s) => signCallback({ ...valid(s), file_size: 'big' }, TEST_KEY),
      400,
      /file_size must be a number/,
    ],
    [
      'event_type missing',
      (s) => signCallback({ ...valid(s), event_type: undefined }, TEST_KEY),
      400,
      /event_type is missing/,
    ],
    ['sign missing', (s) => ({ ...valid(s), t: now() + 600 }), 401, /sign is missing/],
    [
      't missing',
      (s) => ({ ...valid(s), sign: computeSign(TEST_KEY, now() + 600) }),
      401,
      /t is missing/,
    ],
    ['signed with another key', (s) => signCallback(valid(s), 'NotTheKey'), 401, /does not match/],
    [
      'sign for another t',
      (s) => ({ ...signCallback(valid(s), TEST_KEY), t: now() + 601 }),
      401,
      /does not match/,
    ],
    ['t expired', (s) => signCallback(valid(s), TEST_KEY, now() - 120), 401, /expired/],
    ['t absurdly far ahead', (s) => signCallback(valid(s), TEST_KEY, now() + 86400), 401, /future/],
    [
      'the documented placeholder sign',
      (s) => ({ ...valid(s), sign: 'ca3e25e**********09a9ae7281e300d', t: 1545030873 }),
      401,
      /expired/,
    ],
    [
      'body over 64 KiB',
      (s) => signCallback({ ...valid(s), padding: 'x'.repeat(64 * 1024) }, TEST_KEY),
      413,
      /larger than 65536 bytes/,
    ],
  ])(
    '%s: a 4xx naming what is wrong; nothing stored or published',
    async (_label, body, status, message) => {
      const streamId = uniqueStreamId();
      const eventsBefore = aws.bus.accepted.length;

      const answer = await postCallback(handler, body(streamId));

      expect(answer.statusCode).toBe(status);
      expect(answer.body.code).toBe(status);
      expect(answer.body.message).toMatch(message);
      expect(await itemsOfStream(aws.db, aws.tableName, streamId)).toHaveLength(0);
      expect(aws.bus.accepted).toHaveLength(eventsBefore);
    },
  );

  it('logs why a callback was rejected, without the signature', async () => {
    const payload = signCallback(valid(uniqueStreamId()), 'NotTheKey');

    await postCallback(handler, payload);

    const rejection = aws.output
      .lines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.message === 'callback rejected');
    expect(rejection).toMatchObject({ level: 'WARN', statusCode: 401, reason: 'mismatch' });
    expect(aws.output.text()).not.toContain(payload.sign);
  });
});

describe('when publishing fails', () => {
  it('the record is stored and left pending, and the callback is still answered 200', async () => {
    const streamId = uniqueStreamId();
    aws.bus.behaviour = 'reject-entries';

    const answer = await postCallback(
      handler,
      signCallback(fixture(FIXTURES.documented, { stream_id: streamId }), TEST_KEY),
    );

    expect(answer.statusCode).toBe(200);
    const item = await documentedItem(streamId);
    expect(item).toMatchObject({ publish_pending: 'PENDING', version: 1 });
    expect(item).not.toHaveProperty('published_at');
    // Its claim ended when the bus refused: the next delivery or the republisher may publish it.
    expect(item?.publish_claimed_until).toEqual(expect.any(String));
    expect((item?.publish_claimed_until as string) <= new Date().toISOString()).toBe(true);
  });

  it('a redelivery after the aws.bus recovers publishes the pending record once', async () => {
    const streamId = uniqueStreamId();
    const payload = fixture(FIXTURES.documented, { stream_id: streamId });
    aws.bus.behaviour = 'error';
    await postCallback(handler, signCallback(payload, TEST_KEY));
    aws.bus.behaviour = 'accept';

    await postCallback(handler, signCallback(payload, TEST_KEY));
    await postCallback(handler, signCallback(payload, TEST_KEY));

    expect(eventsFor(streamId)).toHaveLength(1);
    const item = await documentedItem(streamId);
    expect(item).toHaveProperty('published_at');
    expect(item).not.toHaveProperty('publish_pending');
  });
});

describe('a record the bus will not take', () => {
  it('is parked at once when the bus can never take it, and the callback is still answered 200', async () => {
    const streamId = uniqueStreamId();
    aws.bus.refuseEntry = () => ({ ErrorCode: 'MalformedDetail', ErrorMessage: 'injected' });

    const answer = await postCallback(
      handler,
      signCallback(fixture(FIXTURES.documented, { stream_id: streamId }), TEST_KEY),
    );

    expect(answer.statusCode).toBe(200);
    const item = await documentedItem(streamId);
    expect(item).toMatchObject({
      version: 1,
      publish_pending: 'PARKED',
      publish_parked_reason: 'permanent-error',
      publish_last_error: 'MalformedDetail: injected',
    });
    expect(item).not.toHaveProperty('publish_claimed_until');
  });
});

describe('numbers a double would round', () => {
  it('are stored and published with every digit Tencent sent, as string or as number', async () => {
    const streamId = uniqueStreamId();
    const signed = signCallback(
      fixture(FIXTURES.documented, {
        stream_id: streamId,
        file_size: '18446744073709551615',
        appid: 1,
      }),
      TEST_KEY,
    );
    // A JSON number beyond 2^53, written into the body text as Tencent would send it.
    const body = JSON.stringify(signed)
      .replace('"appid":1', '"appid":12345678901234567890')
      .replace('"file_id":"1234567890"', '"file_id":98765432109876543210');

    const answer = await postCallback(handler, body);

    expect(answer.statusCode).toBe(200);
    const { Item } = await aws.db.client.send(
      new GetItemCommand({
        TableName: aws.tableName,
        Key: { stream_id: { S: streamId }, file_id: { S: '98765432109876543210' } },
      }),
    );
    expect(Item?.file_size).toEqual({ N: '18446744073709551615' });
    expect(Item?.appid).toEqual({ N: '12345678901234567890' });
    const [event] = eventsFor(streamId);
    expect(event?.Detail).toContain('"file_size":18446744073709551615');
    expect(event?.Detail).toContain('"appid":12345678901234567890');
    expect(event?.Detail).toContain('"file_id":"98765432109876543210"');
  });
});

describe('a signed body whose event would exceed EventBridge’s 256 KB', () => {
  it('is stored whole, and published without its bulkiest optional fields, marked truncated', async () => {
    const streamId = uniqueStreamId();
    const signed = signCallback(fixture(FIXTURES.documented, { stream_id: streamId }), TEST_KEY);
    // 13,000 × `1e20,` is 65 KB of body and 286 KB once each is written out as 21 digits.
    const body = JSON.stringify({ ...signed, samples: 0 }).replace(
      '"samples":0',
      `"samples":[${Array.from({ length: 12_500 }, () => '1e20').join(',')}]`,
    );
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(64 * 1024);

    const answer = await postCallback(handler, body);

    expect(answer.statusCode).toBe(200);
    const item = await documentedItem(streamId);
    expect((item?.samples as unknown[]).length).toBe(12_500);
    expect(item).toHaveProperty('published_at');
    const [event] = eventsFor(streamId);
    const detail = JSON.parse(event?.Detail ?? '{}') as Record<string, unknown>;
    expect(detail).toMatchObject({
      id: `${streamId}/1234567890`,
      truncated: true,
      truncated_fields: ['samples'],
      video_url: item?.video_url,
      file_size: item?.file_size,
    });
    expect(detail).not.toHaveProperty('samples');
  });
});

describe('metrics (CloudWatch EMF lines in the log)', () => {
  const emf = () =>
    aws.output
      .lines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => '_aws' in line);

  it.each<[string, () => Promise<void>, Record<string, unknown>]>([
    [
      'an accepted recording',
      async () => {
        await postCallback(
          handler,
          signCallback(fixture(FIXTURES.documented, { stream_id: uniqueStreamId() }), TEST_KEY),
        );
      },
      { CallbackAccepted: 1 },
    ],
    [
      'a duplicate',
      async () => {
        const payload = fixture(FIXTURES.documented, { stream_id: uniqueStreamId() });
        await postCallback(handler, signCallback(payload, TEST_KEY));
        aws.output.restore();
        aws.output = captureOutput();
        await postCallback(handler, signCallback(payload, TEST_KEY));
      },
      { CallbackDuplicate: 1 },
    ],
    [
      'a rejection, with its reason',
      async () => {
        await postCallback(handler, signCallback(fixture(FIXTURES.documented), 'NotTheKey'));
      },
      { CallbackRejected: 1, reason: 'mismatch' },
    ],
    [
      'a publish the aws.bus refused',
      async () => {
        aws.bus.behaviour = 'reject-entries';
        await postCallback(
          handler,
          signCallback(fixture(FIXTURES.documented, { stream_id: uniqueStreamId() }), TEST_KEY),
        );
      },
      { CallbackAccepted: 1, PublishFailed: 1 },
    ],
    [
      'a publish the bus refused for good (parked)',
      async () => {
        aws.bus.refuseEntry = () => ({ ErrorCode: 'InvalidArgument', ErrorMessage: 'injected' });
        await postCallback(
          handler,
          signCallback(fixture(FIXTURES.documented, { stream_id: uniqueStreamId() }), TEST_KEY),
        );
      },
      { CallbackAccepted: 1, PublishFailed: 1, PublishParked: 1 },
    ],
  ])('counts %s', async (_label, act, expected) => {
    await act();

    expect(emf()).toEqual([expect.objectContaining(expected)]);
  });
});
