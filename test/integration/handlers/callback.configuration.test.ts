import { signCallback } from '../../../lib/callback/sign-callback';
import { captureOutput } from '../../support/capture-output';
import { FIXTURES, fixture, uniqueStreamId } from '../../support/fixtures';
import { postCallback } from '../../../fakes/http-api-event';
import { loadHandler, TEST_KEY } from '../../support/load-handler';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../../fakes/dynamodb';
import { createTestTable } from '../../support/local-dynamodb';
import { startLocalEventBridge, type LocalEventBridge } from '../../../fakes/eventbridge';
import { startLocalSsm, type LocalSsm } from '../../../fakes/ssm';
import { itemsOfStream } from '../../support/table';

const HANDLER = '../../handlers/callback';
const PARAMETER = '/tencent-css-recordings/test/callback-key';

let db: LocalDynamoDb;
let bus: LocalEventBridge;
let ssm: LocalSsm;
let tableName: string;
let output: ReturnType<typeof captureOutput>;

beforeAll(async () => {
  [db, bus, ssm] = await Promise.all([
    startLocalDynamoDb(),
    startLocalEventBridge(),
    startLocalSsm(),
  ]);
  tableName = await createTestTable(db);
});

afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_SSM;
  await Promise.all([db.stop(), bus.stop(), ssm.stop()]);
});

beforeEach(() => {
  output = captureOutput();
});

afterEach(() => output.restore());

const services = (extra: Record<string, string> = {}, callbackKey?: string) =>
  loadHandler(HANDLER, {
    tableName,
    dynamoDbEndpoint: db.endpoint,
    eventBridgeEndpoint: bus.endpoint,
    ...(callbackKey !== undefined && { callbackKey }),
    extra: { AWS_ENDPOINT_URL_SSM: ssm.endpoint, ...extra },
  });

describe('with no callback key configured', () => {
  it('fails closed: answers 500 so Tencent retries, stores nothing, and logs how to fix it', async () => {
    const handler = await services();
    delete process.env.CALLBACK_KEY_PARAMETER;
    const streamId = uniqueStreamId();

    const answer = await postCallback(
      handler,
      signCallback(fixture(FIXTURES.documented, { stream_id: streamId }), TEST_KEY),
    );

    expect(answer.statusCode).toBe(500);
    expect(answer.body).toEqual({
      code: 500,
      message: expect.stringMatching(/no callback key is configured/) as string,
    });
    expect(await itemsOfStream(db, tableName, streamId)).toHaveLength(0);
    expect(output.text()).toMatch(/CALLBACK_KEY_PARAMETER/);
  });

  it('answers 500 when the key parameter does not exist', async () => {
    const handler = await services({ CALLBACK_KEY_PARAMETER: '/does/not/exist' });

    const answer = await postCallback(
      handler,
      signCallback(fixture(FIXTURES.documented), TEST_KEY),
    );

    expect(answer.statusCode).toBe(500);
    expect(answer.body.message).toMatch(/does not exist/);
  });
});

describe('with the key in an SSM SecureString (as deployed)', () => {
  it('reads the decrypted keys, accepts callbacks signed with any of them, and caches the parameter', async () => {
    ssm.parameters.set(PARAMETER, `${TEST_KEY}, NewKey2026`);
    const handler = await services({ CALLBACK_KEY_PARAMETER: PARAMETER });
    const requestsBefore = ssm.requests.length;
    const streams = [uniqueStreamId(), uniqueStreamId()];

    const answers = [
      await postCallback(
        handler,
        signCallback(fixture(FIXTURES.documented, { stream_id: streams[0] }), TEST_KEY),
      ),
      await postCallback(
        handler,
        signCallback(fixture(FIXTURES.documented, { stream_id: streams[1] }), 'NewKey2026'),
      ),
      await postCallback(handler, signCallback(fixture(FIXTURES.documented), 'WrongKey')),
    ];

    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 401]);
    const requests = ssm.requests.slice(requestsBefore);
    expect(requests).toEqual([{ name: PARAMETER, withDecryption: true, signedCorrectly: true }]);
    expect(output.text()).not.toContain('NewKey2026');
  });

  it('prefers CALLBACK_KEY when both are set (local runs)', async () => {
    ssm.parameters.set(PARAMETER, 'ParameterKey');
    const handler = await services({ CALLBACK_KEY_PARAMETER: PARAMETER }, 'EnvironmentKey');

    const answer = await postCallback(
      handler,
      signCallback(fixture(FIXTURES.documented, { stream_id: uniqueStreamId() }), 'EnvironmentKey'),
    );

    expect(answer.statusCode).toBe(200);
  });
});

describe('a deployment without its environment', () => {
  it('fails at start-up naming the missing variable', async () => {
    await expect(
      loadHandler(HANDLER, {
        tableName: '',
        dynamoDbEndpoint: db.endpoint,
        eventBridgeEndpoint: bus.endpoint,
        callbackKey: TEST_KEY,
      }),
    ).rejects.toThrow('Environment variable TABLE_NAME is required');
  });
});
