import type { AwsJsonClient, AwsJsonClientOptions } from '../../../lib/aws/aws-json-client';
import { AwsJsonError } from '../../../lib/aws/aws-json-error';
import {
  createEventBridgeJsonClient,
  EVENTBRIDGE_BUDGET,
  putEvents,
  type PutEventsEntry,
} from '../../../lib/aws/eventbridge-put-events';
import { startLocalAwsJsonServer } from '../../support/local-aws-json';
import { TEST_CREDENTIALS } from '../../support/local-dynamodb';
import { startLocalEventBridge, type LocalEventBridge } from '../../support/local-eventbridge';

const BUS = 'tencent-css-recordings-test';
let bus: LocalEventBridge;
const clients: AwsJsonClient[] = [];

beforeAll(async () => {
  bus = await startLocalEventBridge();
});

afterAll(async () => {
  await bus.stop();
});

beforeEach(() => {
  bus.behaviour = 'accept';
  delete bus.refuseEntry;
});

afterEach(() => {
  clients.splice(0).forEach((client) => client.destroy());
});

function clientOf(endpoint: string, options: AwsJsonClientOptions = {}): AwsJsonClient {
  const client = createEventBridgeJsonClient({
    region: 'us-east-1',
    endpoint,
    credentials: () => TEST_CREDENTIALS,
    sleep: async () => {},
    ...options,
  });
  clients.push(client);
  return client;
}

const entry = (id: string): PutEventsEntry => ({
  EventBusName: BUS,
  Source: 'tencentcloud.css',
  DetailType: 'Recording File Created',
  Detail: JSON.stringify({ id }),
});

it('publishes the entries and returns each event id, in order', async () => {
  const entries = [entry('a'), entry('b')];

  const results = await putEvents(clientOf(bus.endpoint), entries);

  expect(results).toEqual([
    { ok: true, eventId: expect.any(String) as string },
    { ok: true, eventId: expect.any(String) as string },
  ]);
  expect(bus.accepted.slice(-2)).toEqual(entries);
});

it('reports the entries the bus refused (FailedEntryCount > 0) as failures, not successes', async () => {
  bus.refuseEntry = (_entry, index) =>
    index === 1
      ? { ErrorCode: 'InternalFailure', ErrorMessage: 'injected entry failure' }
      : undefined;
  const acceptedBefore = bus.accepted.length;

  const results = await putEvents(clientOf(bus.endpoint), [entry('a'), entry('b'), entry('c')]);

  expect(results).toEqual([
    { ok: true, eventId: expect.any(String) as string },
    { ok: false, code: 'InternalFailure', message: 'injected entry failure' },
    { ok: true, eventId: expect.any(String) as string },
  ]);
  expect(bus.accepted.length - acceptedBefore).toBe(2);
});

it('sends Resources, and Time as the epoch seconds of the JSON protocol', async () => {
  const time = new Date('2026-11-29T10:00:00.500Z');

  await putEvents(clientOf(bus.endpoint), [
    { ...entry('t'), Resources: ['arn:aws:s3:::bucket/file.mp4'], Time: time },
  ]);

  expect(bus.accepted.at(-1)).toMatchObject({
    Resources: ['arn:aws:s3:::bucket/file.mp4'],
    Time: time.getTime() / 1000,
  });
});

it('throws the typed error when the whole request fails, after its two attempts', async () => {
  bus.behaviour = 'error';
  const callsBefore = bus.calls;

  const error = await putEvents(clientOf(bus.endpoint), [entry('x')]).catch(
    (thrown: unknown) => thrown,
  );

  expect(error).toBeInstanceOf(AwsJsonError);
  expect(error).toMatchObject({
    service: 'events',
    operation: 'PutEvents',
    code: 'InternalException',
    statusCode: 500,
    attempts: EVENTBRIDGE_BUDGET.maxAttempts,
  });
  expect(bus.calls - callsBefore).toBe(2);
});

it('gives up on a hung bus at the request timeout', async () => {
  bus.behaviour = 'hang';

  await expect(
    putEvents(clientOf(bus.endpoint, { requestTimeoutMs: 200 }), [entry('h')]),
  ).rejects.toMatchObject({ code: 'TimeoutError', timedOut: true, attempts: 2 });
});

it('signs for the events service and names AWSEvents.PutEvents, as EventBridge checks', async () => {
  const server = await startLocalAwsJsonServer({ service: 'events' }, [
    { status: 200, body: { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] } },
  ]);
  try {
    const results = await putEvents(clientOf(server.endpoint), [entry('s')]);

    expect(results).toEqual([{ ok: true, eventId: 'e-1' }]);
    expect(server.requests[0]).toMatchObject({
      target: 'AWSEvents.PutEvents',
      contentType: 'application/x-amz-json-1.1',
      signedCorrectly: true,
    });
  } finally {
    await server.stop();
  }
});

it('treats an entry the answer is silent about as failed: never a success by default', async () => {
  const server = await startLocalAwsJsonServer({ service: 'events' }, [
    { status: 200, body: { FailedEntryCount: 1 } },
  ]);
  try {
    const results = await putEvents(clientOf(server.endpoint), [entry('m')]);

    expect(results).toEqual([
      { ok: false, code: 'MissingResult', message: expect.any(String) as string },
    ]);
  } finally {
    await server.stop();
  }
});

it.each([0, 11])('refuses %i entries before sending anything (1 to 10 a call)', async (count) => {
  const callsBefore = bus.calls;
  const entries = Array.from({ length: count }, (_, index) => entry(String(index)));

  await expect(putEvents(clientOf(bus.endpoint), entries)).rejects.toThrow(RangeError);
  expect(bus.calls).toBe(callsBefore);
});
