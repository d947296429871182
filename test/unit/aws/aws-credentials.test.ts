import { credentialsFromEnvironment } from '../../../lib/aws/aws-credentials';

describe('credentialsFromEnvironment', () => {
  it('reads the role credentials Lambda sets, session token included', () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
    };

    expect(credentialsFromEnvironment(env)).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
  });

  it('has no session token for long-term keys', () => {
    const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

    expect(credentialsFromEnvironment(env)).toEqual({
      accessKeyId: 'test',
      secretAccessKey: 'test',
    });
  });

  it.each([
    ['no key id', { AWS_SECRET_ACCESS_KEY: 'secret' }],
    ['no secret', { AWS_ACCESS_KEY_ID: 'id' }],
    ['empty values', { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }],
  ])('names the variables when they are missing (%s)', (_name, env) => {
    expect(() => credentialsFromEnvironment(env)).toThrow(
      /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are required/,
    );
  });
});
