import { ssmParameterReader } from '../../../lib/aws/ssm-parameter-reader';
import { startLocalSsm, type LocalSsm } from '../../support/local-ssm';

const PARAMETER = '/tencent-css-recordings/test/callback-key';
let ssm: LocalSsm;
const saved = { ...process.env };

beforeAll(async () => {
  ssm = await startLocalSsm();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});

afterAll(async () => {
  process.env = saved;
  await ssm.stop();
});

it('reads the decrypted value of a SecureString, with a request SSM accepts as signed', async () => {
  ssm.parameters.set(PARAMETER, 'KeyOne,KeyTwo');

  const value = await ssmParameterReader({ endpoint: ssm.endpoint })(PARAMETER);

  expect(value).toBe('KeyOne,KeyTwo');
  expect(ssm.requests.at(-1)).toEqual({
    name: PARAMETER,
    withDecryption: true,
    signedCorrectly: true,
  });
});

it('finds SSM through AWS_ENDPOINT_URL_SSM, the SDK variable', async () => {
  ssm.parameters.set(PARAMETER, 'FromVariable');
  process.env.AWS_ENDPOINT_URL_SSM = ssm.endpoint;

  const value = await ssmParameterReader()(PARAMETER);

  expect(value).toBe('FromVariable');
});

it('throws an error named ParameterNotFound for a missing parameter, asked once', async () => {
  const before = ssm.requests.length;

  await expect(
    ssmParameterReader({ endpoint: ssm.endpoint })('/no/such/parameter'),
  ).rejects.toMatchObject({ name: 'ParameterNotFound', statusCode: 400, attempts: 1 });
  expect(ssm.requests.length - before).toBe(1);
});

it('tries an unreachable SSM twice, then throws a network error', async () => {
  await expect(
    ssmParameterReader({ endpoint: 'http://127.0.0.1:1' })(PARAMETER),
  ).rejects.toMatchObject({ code: 'NetworkingError', networkError: true, attempts: 2 });
});
