import { isSecretName, parseStreamParam, REDACTED } from '../../../lib/privacy/redaction';

describe('isSecretName', () => {
  it.each([
    'txSecret',
    'TXSECRET',
    'secret',
    'token',
    'access_token',
    'sign',
    'txSign',
    'signature',
    'key',
    'apiKey',
    'password',
    'passwd',
    'pwd',
  ])('treats %s as holding a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['txTime', 'txFrom', 'bizid', 'record', 'record_interval', 'stream_param', 'txHost'])(
    'treats %s as harmless',
    (name) => {
      expect(isSecretName(name)).toBe(false);
    },
  );
});

describe('parseStreamParam', () => {
  it('parses the push URL’s query string into a map with txSecret redacted', () => {
    const params = parseStreamParam('txSecret=0a1b2c3d4e5f60718293a4b5c6d7e8f9&txTime=6553F280');

    expect(params).toEqual({ txSecret: REDACTED, txTime: '6553F280' });
    expect(JSON.stringify(params)).not.toContain('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
  });

  it('redacts a secret whose name is percent-encoded', () => {
    const params = parseStreamParam('tx%53ecret=leaked');

    expect(params).toEqual({ txSecret: REDACTED });
  });

  it('redacts every value of a repeated secret and keeps the last value of other names', () => {
    const params = parseStreamParam('txSecret=one&a=1&txSecret=two&a=2');

    expect(params).toEqual({ txSecret: REDACTED, a: '2' });
    expect(JSON.stringify(params)).not.toMatch(/one|two/);
  });

  it('ignores a leading question mark', () => {
    expect(parseStreamParam('?txTime=1&record=mp4')).toEqual({ txTime: '1', record: 'mp4' });
  });

  it('decodes percent-escapes and plus signs in values', () => {
    expect(parseStreamParam('title=hello+world&path=%2Flive%2Froom')).toEqual({
      title: 'hello world',
      path: '/live/room',
    });
  });

  it('keeps a name without a value as an empty string', () => {
    expect(parseStreamParam('flag&record=mp4')).toEqual({ flag: '', record: 'mp4' });
  });

  it.each([
    ['empty', ''],
    ['only a question mark', '?'],
    ['only separators', '&&&'],
    ['a parameter with no name', '=value'],
  ])('gives an empty map for a query string that is %s', (_case, query) => {
    expect(parseStreamParam(query)).toEqual({});
  });

  it('drops a parameter named __proto__, which cannot be stored, leaving the prototype alone', () => {
    const params = parseStreamParam('__proto__=x&record=mp4');

    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.hasOwn(params, '__proto__')).toBe(false);
    expect(params).toEqual({ record: 'mp4' });
  });
});
