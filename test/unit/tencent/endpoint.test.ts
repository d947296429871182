import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { liveEndpoint } from '../../../lib/tencent/endpoint';
import { TencentConfigurationError } from '../../../lib/tencent/errors';

describe('liveEndpoint', () => {
  it("leaves the SDK's default (Tencent itself) when no override is set", () => {
    expect(liveEndpoint(undefined)).toEqual({
      httpProfile: {},
      display: 'https://live.tencentcloudapi.com',
    });
    expect(liveEndpoint('  ').httpProfile).toEqual({});
  });

  it('addresses a local server as live.tencentcloudapi.com, so the SDK signs for service live', () => {
    const { httpProfile, display } = liveEndpoint('http://127.0.0.1:4020');

    expect(httpProfile).toMatchObject({
      endpoint: 'live.tencentcloudapi.com:4020',
      protocol: 'http://',
    });
    expect(httpProfile.agent).toBeInstanceOf(Agent);
    expect(display).toBe('http://127.0.0.1:4020');
  });

  it('connects that name to the override address', async () => {
    const { httpProfile } = liveEndpoint('http://127.0.0.1:4020');
    const { lookup } = (httpProfile.agent as unknown as { options: { lookup: LookupFunction } })
      .options;

    const address = await new Promise<unknown>((resolve, reject) =>
      lookup('live.tencentcloudapi.com', {}, (error, found) =>
        error ? reject(error) : resolve(found),
      ),
    );

    expect(address).toBe('127.0.0.1');
  });

  it('uses a host whose first label is live as it is', () => {
    expect(liveEndpoint('https://live.ap-guangzhou.tencentcloudapi.com').httpProfile).toEqual({
      endpoint: 'live.ap-guangzhou.tencentcloudapi.com',
      protocol: 'https://',
    });
  });

  it.each([
    ['not a URL', '127.0.0.1:4020'],
    ['a path', 'http://127.0.0.1:4020/api'],
    ['another protocol', 'ftp://127.0.0.1:4020'],
    ['credentials', 'http://user:pass@127.0.0.1:4020'],
    ['https to a host that is not live.', 'https://tencent.example.com'],
  ])('refuses an override with %s, naming TENCENTCLOUD_ENDPOINT', (_problem, override) => {
    expect(() => liveEndpoint(override)).toThrow(TencentConfigurationError);
    expect(() => liveEndpoint(override)).toThrow(/TENCENTCLOUD_ENDPOINT/);
  });
});
