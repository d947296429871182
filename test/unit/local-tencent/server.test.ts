import { localTencentPort } from '../../../local-tencent/server';

describe('localTencentPort', () => {
  it('is 4020 unless LOCAL_TENCENT_PORT says otherwise', () => {
    expect(localTencentPort({})).toBe(4020);
    expect(localTencentPort({ LOCAL_TENCENT_PORT: ' 4021 ' })).toBe(4021);
  });

  it.each(['0', '65536', 'abc', '40.2'])('names the variable when it holds %s', (value) => {
    expect(() => localTencentPort({ LOCAL_TENCENT_PORT: value })).toThrow(
      `LOCAL_TENCENT_PORT must be a port number from 1 to 65535, not "${value}"`,
    );
  });
});
