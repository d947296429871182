import { readTencentCredentials } from '../../../lib/tencent/credentials';
import { TencentConfigurationError } from '../../../lib/tencent/errors';

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

    let message = '';
    try {
      readTencentCredentials({ TENCENTCLOUD_SECRET_KEY: secretKey });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).not.toBe('');
    expect(message).not.toContain(secretKey);
  });
});
