import {
  credentialsFromParameter,
  parameterCredentialNames,
  parseTencentCredentials,
  readTencentCredentials,
} from '../../../lib/tencent/credentials';
import { TencentConfigurationError } from '../../../lib/tencent/errors';
import { errorThrownBy } from '../../support/thrown';

describe('readTencentCredentials', () => {
  it('reads the key from TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, trimmed', () => {
    const env = { TENCENTCLOUD_SECRET_ID: ' AKIDexample ', TENCENTCLOUD_SECRET_KEY: 'key\n' };

    expect(readTencentCredentials(env)).toEqual({ secretId: 'AKIDexample', secretKey: 'key' });
  });

  it.each([
    ['TENCENTCLOUD_SECRET_ID', { TENCENTCLOUD_SECRET_KEY: 'key' }],
    ['TENCENTCLOUD_SECRET_KEY', { TENCENTCLOUD_SECRET_ID: 'AKIDexample' }],
    ['TENCENTCLOUD_SECRET_ID', { TENCENTCLOUD_SECRET_ID: '  ', TENCENTCLOUD_SECRET_KEY: 'key' }],
  ])('names %s when it is missing or blank', (variable, env) => {
    expect(() => readTencentCredentials(env)).toThrow(TencentConfigurationError);
    expect(() => readTencentCredentials(env)).toThrow(
      new RegExp(`^Environment variable ${variable} is required`),
    );
  });

  it('never repeats the SecretKey it read', () => {
    const secretKey = 'NeverPrintThisSecretKey';

    const { message } = errorThrownBy(() =>
      readTencentCredentials({ TENCENTCLOUD_SECRET_KEY: secretKey }),
    );

    expect(message).not.toBe('');
    expect(message).not.toContain(secretKey);
  });
});

describe('parseTencentCredentials', () => {
  const PARAMETER = '/tencent-css-recordings/prod/tencent-credentials';

  it('reads the key a function stores in its SSM parameter', () => {
    expect(
      parseTencentCredentials('{"secretId":"AKIDxyz","secretKey":"s3cr3t"}', PARAMETER),
    ).toEqual({ secretId: 'AKIDxyz', secretKey: 's3cr3t' });
  });

  it.each([
    'not json',
    '{}',
    '{"secretId":"AKIDxyz"}',
    '{"secretId":1,"secretKey":2}',
    '[]',
    'null',
  ])('refuses %p, naming the parameter and the shape, never the value', (value) => {
    const read = () => parseTencentCredentials(value, PARAMETER);

    expect(read).toThrow(
      `The SSM parameter ${PARAMETER} must hold {"secretId": "...", "secretKey": "..."}`,
    );
  });

  it('names the parameter in what an auth error tells a person to check', () => {
    expect(parameterCredentialNames(PARAMETER)).toEqual({
      secretId: `the secretId in the SSM parameter ${PARAMETER}`,
      secretKey: `the secretKey in the SSM parameter ${PARAMETER}`,
    });
  });
});

describe('credentialsFromParameter', () => {
  const PARAMETER = '/tencent-css-recordings/prod/tencent-credentials';

  it('reads the key from the parameter', async () => {
    const read = jest.fn(async () => '{"secretId":"AKIDxyz","secretKey":"s3cr3t"}');

    await expect(credentialsFromParameter(read, PARAMETER)).resolves.toEqual({
      secretId: 'AKIDxyz',
      secretKey: 's3cr3t',
    });
    expect(read).toHaveBeenCalledWith(PARAMETER);
  });

  it('is undefined, reading nothing, when no parameter is named', async () => {
    const read = jest.fn(async () => 'x');

    await expect(credentialsFromParameter(read, undefined)).resolves.toBeUndefined();
    expect(read).not.toHaveBeenCalled();
  });

  it('is undefined when the parameter does not exist (the reader finds none)', async () => {
    await expect(
      credentialsFromParameter(async () => undefined, PARAMETER),
    ).resolves.toBeUndefined();
  });

  it('lets any other failure through: SSM unreachable is not "off"', async () => {
    const outage = new Error('connect ECONNREFUSED');

    await expect(
      credentialsFromParameter(async () => Promise.reject(outage), PARAMETER),
    ).rejects.toBe(outage);
  });
});
