import { MAX_BODY_BYTES } from '../../../lib/callback/body';
import { callbackKeyProvider, type CallbackKeyProvider } from '../../../lib/callback/keys';
import {
  createCallbackService,
  type CallbackServiceDeps,
  type RawCallback,
} from '../../../lib/callback/service';
import { signCallback } from '../../../lib/callback/sign-callback';
import { computeSign } from '../../../lib/callback/signature';
import {
  AuthenticationError,
  AuthenticationFailure,
  ConfigurationError,
  DependencyUnavailableError,
  InvalidCallbackError,
  PayloadTooLargeError,
  type CallbackServiceError,
} from '../../../lib/errors';
import type { TableName } from '../../../lib/events/kind';
import type { JsonObject } from '../../../lib/json/json';
import { fakeEventPublisher, type FakeEventPublisher } from '../../support/fake-event-publisher';
import { FIXTURES, fixture } from '../../support/fixtures';
import { InMemoryProjectionStore } from '../../support/in-memory-projection-store';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { createTestLog, type TestLog } from '../../support/test-log';
import { errorRejectedBy } from '../../support/thrown';

const KEY = 'ServiceTestKey42';
const NOW_SECONDS = 1_800_000_000;
const NOW = new Date(NOW_SECONDS * 1000);
/** What Tencent sets `t` to: the time it sends plus ten minutes. */
const FRESH_T = NOW_SECONDS + 600;

let stores: Record<TableName, InMemoryRecordStore>;
let publisher: FakeEventPublisher;
let log: TestLog;
let keys: { keys: jest.Mock<Promise<readonly string[]>, []> };

beforeEach(() => {
  stores = { recordings: new InMemoryRecordStore(), events: new InMemoryRecordStore() };
  publisher = fakeEventPublisher();
  log = createTestLog();
  keys = { keys: jest.fn(async () => [KEY]) };
});

function service(overrides: Partial<CallbackServiceDeps> = {}) {
  return createCallbackService({
    keys,
    stores,
    projections: new InMemoryProjectionStore(),
    publisher,
    log,
    now: () => NOW,
    ...overrides,
  });
}

const recording = (overrides: JsonObject = {}) => fixture(FIXTURES.documented, overrides);
const signed = (body: JsonObject, t = FRESH_T) => signCallback(body, KEY, t);
const raw = (payload: unknown): RawCallback => ({ body: JSON.stringify(payload) });

/** Runs the service and returns the error it threw. */
async function refusal(
  handle: (raw: RawCallback) => Promise<unknown>,
  delivery: RawCallback,
): Promise<CallbackServiceError> {
  return errorRejectedBy(handle(delivery), 'expected the callback to be refused');
}

const nothingChanged = () => {
  expect(stores.recordings.size + stores.events.size).toBe(0);
  expect(publisher.calls).toEqual([]);
  expect(log.appendKeys).not.toHaveBeenCalled();
};

describe('createCallbackService', () => {
  it('accepts a signed callback: stored, published, and described without the stored item', async () => {
    const result = await service()(raw(signed(recording({ stream_id: 'room-1' }))));

    expect(result).toEqual({
      outcome: 'created',
      kind: 'recording',
      key: { stream_id: 'room-1', file_id: '1234567890' },
      id: 'room-1/1234567890',
      version: 1,
      published: true,
      publishFailed: false,
      parked: false,
    });
    expect(publisher.sent).toHaveLength(1);
  });

  it('answers a redelivery as a duplicate, and publishes nothing again', async () => {
    const handle = service();
    await handle(raw(signed(recording())));

    const again = await handle(raw(signed(recording(), FRESH_T + 60)));

    expect(again).toMatchObject({ outcome: 'duplicate', version: 1, published: true });
    expect(publisher.sent).toHaveLength(1);
  });

  it('accepts a body API Gateway base64-encoded', async () => {
    const body = Buffer.from(JSON.stringify(signed(recording()))).toString('base64');

    const result = await service()({ body, isBase64Encoded: true });

    expect(result.outcome).toBe('created');
  });

  it('accepts a signed callback of a type without a kind of its own, as Callback Received', async () => {
    const result = await service()(raw(signed(fixture('callback-received-callback.json'))));

    expect(result).toMatchObject({ kind: 'callback-received', outcome: 'created' });
  });

  describe('gives a sender without the key nothing: size and JSON, then signature and time, then shape', () => {
    const withoutFileId = () => {
      const { file_id: _file, ...body } = recording();
      return body;
    };
    const forged = (body: JsonObject) => ({
      ...body,
      t: FRESH_T,
      sign: computeSign('not the key', FRESH_T),
    });

    it.each<{
      what: string;
      delivery: () => RawCallback;
      error: new (...args: never[]) => CallbackServiceError;
      statusCode: number;
      /** What else the error says: its reason, or a message naming what is wrong. */
      details?: { reason: AuthenticationFailure } | { message: unknown };
      keysRead: boolean;
    }>([
      {
        what: 'a body over the size limit, forged or not',
        delivery: () => ({ body: ' '.repeat(MAX_BODY_BYTES + 1) }),
        error: PayloadTooLargeError,
        statusCode: 413,
        keysRead: false,
      },
      {
        what: 'a body that is not JSON',
        delivery: () => ({ body: 'sign=abc&t=1' }),
        error: InvalidCallbackError,
        statusCode: 400,
        details: { message: expect.stringMatching(/not valid JSON/) as unknown },
        keysRead: false,
      },
      {
        what: 'a JSON value that is not an object',
        delivery: () => raw([signed(recording())]),
        error: InvalidCallbackError,
        statusCode: 400,
        details: { message: expect.stringMatching(/must be a JSON object/) as unknown },
        keysRead: false,
      },
      {
        what: 'a forged body of the wrong shape',
        delivery: () => raw(forged(withoutFileId())),
        error: AuthenticationError,
        statusCode: 401,
        details: { reason: AuthenticationFailure.mismatch },
        keysRead: true,
      },
      {
        what: 'an unsigned body of the wrong shape',
        delivery: () => raw(withoutFileId()),
        error: AuthenticationError,
        statusCode: 401,
        details: { reason: AuthenticationFailure.missingSign },
        keysRead: true,
      },
      {
        what: 'a forged body without event_type',
        delivery: () => {
          const { event_type: _type, ...body } = recording();
          return raw(forged(body));
        },
        error: AuthenticationError,
        statusCode: 401,
        details: { reason: AuthenticationFailure.mismatch },
        keysRead: true,
      },
      {
        what: 'an expired body of the wrong shape, signed with the key',
        delivery: () => raw(signed(withoutFileId(), NOW_SECONDS - 3600)),
        error: AuthenticationError,
        statusCode: 401,
        details: { reason: AuthenticationFailure.expired },
        keysRead: true,
      },
      {
        what: 'a signed body of the wrong shape',
        delivery: () => raw(signed(withoutFileId())),
        error: InvalidCallbackError,
        statusCode: 400,
        details: { message: expect.stringMatching(/file_id/) as unknown },
        keysRead: true,
      },
    ])('refuses $what with $error.name', async (row) => {
      const error = await refusal(service(), row.delivery());

      expect(error).toBeInstanceOf(row.error);
      expect(error.statusCode).toBe(row.statusCode);
      expect(error).toMatchObject(row.details ?? {});
      // Garbage never costs a key read (an SSM call when deployed).
      expect(keys.keys).toHaveBeenCalledTimes(row.keysRead ? 1 : 0);
      nothingChanged();
    });

    it('tells a forged body of the wrong shape nothing about the shape', async () => {
      const error = await refusal(service(), raw(forged(withoutFileId())));

      expect(error.message).not.toMatch(/file_id/);
    });
  });

  describe('when the key cannot be had', () => {
    const reading = (read: () => Promise<string | undefined>): CallbackKeyProvider =>
      callbackKeyProvider({ callbackKeys: [], callbackKeyParameter: '/service/key' }, read);

    it.each([
      {
        what: 'the parameter store is unreachable',
        provider: reading(async () => {
          throw new Error('connect ETIMEDOUT');
        }),
        error: DependencyUnavailableError,
        statusCode: 503,
      },
      {
        what: 'the parameter does not exist',
        provider: reading(async () => undefined),
        error: ConfigurationError,
        statusCode: 500,
      },
      {
        what: 'no key is configured at all',
        provider: callbackKeyProvider({ callbackKeys: [] }),
        error: ConfigurationError,
        statusCode: 500,
      },
    ])('refuses a signed callback with $error.name when $what', async (row) => {
      const error = await refusal(service({ keys: row.provider }), raw(signed(recording())));

      expect(error).toBeInstanceOf(row.error);
      expect(error.statusCode).toBe(row.statusCode);
      nothingChanged();
    });
  });

  describe('the time window', () => {
    it('takes the clock skew it is given', async () => {
      const expiredAMinuteAndAHalfAgo = raw(signed(recording(), NOW_SECONDS - 90));

      const byDefault = await refusal(service(), expiredAMinuteAndAHalfAgo);
      const lenient = await service({ clockSkewSeconds: 120 })(expiredAMinuteAndAHalfAgo);

      expect(byDefault).toHaveProperty('reason', AuthenticationFailure.expired);
      expect(lenient.outcome).toBe('created');
    });

    it('takes the look-ahead it is given', async () => {
      const farAhead = raw(signed(recording(), NOW_SECONDS + 1800));

      const strict = await refusal(service({ maxLookaheadSeconds: 900 }), farAhead);
      const byDefault = await service()(farAhead);

      expect(strict).toHaveProperty('reason', AuthenticationFailure.tooFarAhead);
      expect(byDefault.outcome).toBe('created');
    });

    it('reads the real clock when given none', async () => {
      const handle = createCallbackService({
        keys,
        stores,
        projections: new InMemoryProjectionStore(),
        publisher,
        log,
      });

      // signCallback's default t: ten minutes from the real now.
      const result = await handle(raw(signCallback(recording(), KEY)));

      expect(result.outcome).toBe('created');
    });
  });

  it('adds the record’s key to every following log line', async () => {
    await service()(raw(signed(recording({ stream_id: 'room-2' }))));

    expect(log.appendKeys).toHaveBeenCalledWith({ stream_id: 'room-2', file_id: '1234567890' });
  });

  it('warms the publisher up before storing, and publishes after', async () => {
    const prepare = jest.spyOn(publisher, 'prepare');
    const store = jest.spyOn(stores.recordings, 'putNew');
    const publish = jest.spyOn(publisher, 'publish');

    await service()(raw(signed(recording())));

    const [prepared, stored, published] = [prepare, store, publish].map(
      (spy) => spy.mock.invocationCallOrder,
    );
    expect(prepared).toHaveLength(1);
    expect(prepared![0]).toBeLessThan(stored![0]!);
    expect(stored![0]).toBeLessThan(published![0]!);
  });

  it('works with a publisher that has nothing to prepare', async () => {
    const { prepare: _prepare, ...withoutPrepare } = publisher;

    const result = await service({ publisher: withoutPrepare })(raw(signed(recording())));

    expect(result.published).toBe(true);
  });

  it.each([
    { name: FIXTURES.documented, verifiable: true },
    { name: FIXTURES.screenshot, verifiable: true },
    { name: FIXTURES.streamStart, verifiable: true },
    { name: FIXTURES.streamEnd, verifiable: true },
    { name: 'image-moderation-callback.json', verifiable: false },
    { name: 'callback-received-callback.json', verifiable: false },
  ])(
    'marks a delivered $name as waiting for Tencent’s history only if history holds its kind ($verifiable)',
    async ({ name, verifiable }) => {
      const result = await service()(raw(signed(fixture(name))));

      const table = result.kind === 'recording' ? stores.recordings : stores.events;
      const stored = await table.get(result.key);
      expect(stored).toMatchObject({ receivedVia: 'callback' });
      expect(stored?.unverifiedSince).toBe(verifiable ? NOW.toISOString() : undefined);
    },
  );
});
