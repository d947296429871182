import { GetParameterError } from '@aws-lambda-powertools/parameters/errors';
import { ssmParameterReader } from '../../../lib/aws/ssm-parameter-reader';
import { FAKE_AWS_CREDENTIALS } from '../../../fakes/credentials';
import { startLocalSsm, type LocalSsm } from '../../../fakes/ssm';
import { startFaultyServer } from '../../support/faulty-server';
import { UNREACHABLE_ENDPOINT } from '../../support/ports';

const PARAMETER = '/tencent-css-recordings/test/callback-key';
const REGION = 'us-east-1';
let ssm: LocalSsm;
const saved = { ...process.env };

beforeAll(async () => {
  ssm = await startLocalSsm();
});

afterEach(() => {
  process.env = { ...saved };
  jest.useRealTimers();
});

afterAll(async () => {
  await ssm.stop();
});

const reader = (options: Parameters<typeof ssmParameterReader>[0] = {}) =>
  ssmParameterReader({
    endpoint: ssm.endpoint,
    region: REGION,
    credentials: FAKE_AWS_CREDENTIALS,
    ...options,
  });

it('reads the decrypted value of a SecureString, with a request SSM accepts as signed', async () => {
  ssm.parameters.set(PARAMETER, 'KeyOne,KeyTwo');

  const value = await reader()(PARAMETER);

  expect(value).toBe('KeyOne,KeyTwo');
  expect(ssm.requests.at(-1)).toEqual({
    name: PARAMETER,
    withDecryption: true,
    signedCorrectly: true,
  });
});

it('finds SSM through AWS_ENDPOINT_URL_SSM and the Lambda environment, as deployed', async () => {
  ssm.parameters.set(PARAMETER, 'FromVariable');
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
  });

  const value = await ssmParameterReader()(PARAMETER);

  expect(value).toBe('FromVariable');
});

it('reads a parameter that does not exist as undefined ("not configured"), asking once', async () => {
  const before = ssm.requests.length;

  const value = await reader()('/no/such/parameter');

  expect(value).toBeUndefined();
  expect(ssm.requests.length - before).toBe(1);
});

it('keeps a value for maxAgeSeconds, then reads it again, so a key rotation takes effect', async () => {
  // Only the clock is fake: the requests still go over real sockets.
  jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick'] });
  jest.setSystemTime(new Date('2027-01-01T00:00:00Z'));
  ssm.parameters.set(PARAMETER, 'OldKey');
  const read = reader({ maxAgeSeconds: 300 });
  const before = ssm.requests.length;

  const first = await read(PARAMETER);
  ssm.parameters.set(PARAMETER, 'NewKey');
  jest.setSystemTime(new Date('2027-01-01T00:05:00Z'));
  const cached = await read(PARAMETER);
  jest.setSystemTime(new Date('2027-01-01T00:05:01Z'));
  const refreshed = await read(PARAMETER);

  expect([first, cached, refreshed]).toEqual(['OldKey', 'OldKey', 'NewKey']);
  expect(ssm.requests.length - before).toBe(2);
});

it('does not keep a failure: the next read asks SSM again', async () => {
  const broken = await startFaultyServer('error');
  try {
    const read = ssmParameterReader({
      endpoint: broken.endpoint,
      region: REGION,
      credentials: FAKE_AWS_CREDENTIALS,
      maxAgeSeconds: 300,
    });

    await expect(read(PARAMETER)).rejects.toThrow(GetParameterError);
    await expect(read(PARAMETER)).rejects.toThrow(GetParameterError);

    // Two attempts per read (SSM_BUDGET), and the failure was not cached.
    expect(broken.requests).toBe(4);
  } finally {
    await broken.stop();
  }
});

it('tries an unreachable SSM twice (its budget), then throws with the SDK error as the cause', async () => {
  const error = (await reader({ endpoint: UNREACHABLE_ENDPOINT })(PARAMETER).catch(
    (caught: unknown) => caught,
  )) as GetParameterError;

  expect(error).toBeInstanceOf(GetParameterError);
  expect(error.cause).toMatchObject({ $metadata: { attempts: 2 } });
});
