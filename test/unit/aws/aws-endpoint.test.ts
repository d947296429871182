import { parseEndpoint, resolveEndpoint } from '../../../lib/aws/aws-endpoint';

const EVENTBRIDGE = { endpointPrefix: 'events', endpointVariable: 'EVENTBRIDGE' };
const DYNAMODB = { endpointPrefix: 'dynamodb', endpointVariable: 'DYNAMODB' };

describe('resolveEndpoint', () => {
  it.each([
    ['us-east-1', DYNAMODB, 'https://dynamodb.us-east-1.amazonaws.com/'],
    ['eu-west-1', EVENTBRIDGE, 'https://events.eu-west-1.amazonaws.com/'],
    ['us-gov-west-1', EVENTBRIDGE, 'https://events.us-gov-west-1.amazonaws.com/'],
    ['cn-north-1', DYNAMODB, 'https://dynamodb.cn-north-1.amazonaws.com.cn/'],
    ['cn-northwest-1', EVENTBRIDGE, 'https://events.cn-northwest-1.amazonaws.com.cn/'],
  ])('uses the regional endpoint in %s (%o)', (region, names, expected) => {
    expect(resolveEndpoint(names, region, {}).href).toBe(expected);
  });

  it('prefers the service variable, AWS_ENDPOINT_URL_<SERVICE>, to everything else', () => {
    const env = {
      AWS_ENDPOINT_URL_EVENTBRIDGE: 'http://127.0.0.1:4010',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9999',
    };

    expect(resolveEndpoint(EVENTBRIDGE, 'us-east-1', env).href).toBe('http://127.0.0.1:4010/');
  });

  it("falls back to AWS_ENDPOINT_URL when the service's own variable is not set", () => {
    const env = {
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      AWS_ENDPOINT_URL: 'http://localhost:4566',
    };

    expect(resolveEndpoint(EVENTBRIDGE, 'us-east-1', env).href).toBe('http://localhost:4566/');
  });

  it('ignores both variables when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true, as the SDK does', () => {
    const env = {
      AWS_ENDPOINT_URL_EVENTBRIDGE: 'http://127.0.0.1:4010',
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
    };

    expect(resolveEndpoint(EVENTBRIDGE, 'us-east-1', env).href).toBe(
      'https://events.us-east-1.amazonaws.com/',
    );
  });

  it('keeps a path the configured endpoint carries (a proxy)', () => {
    const env = { AWS_ENDPOINT_URL_DYNAMODB: 'https://proxy.example.com/dynamodb' };

    expect(resolveEndpoint(DYNAMODB, 'us-east-1', env).pathname).toBe('/dynamodb');
  });

  it.each(['', 'us-east-1.evil.com/', 'US-EAST-1', 'us east 1'])(
    'refuses "%s" as a region: it would become part of a host name',
    (region) => {
      expect(() => resolveEndpoint(DYNAMODB, region, {})).toThrow(/is not an AWS region/);
    },
  );
});

describe('parseEndpoint', () => {
  it.each([
    ['not a url', /is not a URL/],
    ['ftp://127.0.0.1:21', /is not an http\(s\) URL/],
  ])('refuses "%s", naming it', (value, message) => {
    expect(() => parseEndpoint(value)).toThrow(message);
  });
});
