import { decodeEscapes, decodePercentUntilStable, readUnit } from '../../../lib/privacy/escapes';

describe('readUnit', () => {
  it.each<[string, string, number, number, number]>([
    // text, char, width, percentLevel, backslashes
    ['a', 'a', 1, 0, 0],
    ['%3D', '=', 3, 1, 0],
    ['%3d', '=', 3, 1, 0],
    ['%253D', '=', 5, 2, 0],
    ['%25253D', '=', 7, 3, 0],
    ['%25', '%', 3, 1, 0],
    ['%2525', '%', 5, 2, 0],
    ['%zz', '%', 1, 0, 0],
    ['%', '%', 1, 0, 0],
    ['%E4', '\u0080', 3, 1, 0],
    ['"', '"', 1, 0, 0],
    ['\\"', '"', 2, 0, 1],
    ['\\\\\\"', '"', 4, 0, 3],
    ['\\u0026', '&', 6, 0, 1],
    ['\\\\\\\\x', '\\', 4, 0, 0],
    ['\\u00zz', '\\', 1, 0, 0],
  ])('reads %p as %p', (text, char, width, percentLevel, backslashes) => {
    expect(readUnit(text, 0)).toEqual({ char, width, percentLevel, backslashes });
  });
});

describe('decodeEscapes', () => {
  it.each([
    ['tx%53ecret', 'txSecret'],
    ['tx%2553ecret', 'txSecret'],
    ['tx\\u0053ecret', 'txSecret'],
    ['plain', 'plain'],
    ['100%', '100%'],
  ])('decodes %p to %p', (text, decoded) => {
    expect(decodeEscapes(text)).toBe(decoded);
  });
});

describe('decodePercentUntilStable', () => {
  it.each([
    ['once', 'txSecret%3Dabc%26txTime%3D1', 'txSecret=abc&txTime=1'],
    ['twice', 'txSecret%253Dabc%2526txTime%253D1', 'txSecret=abc&txTime=1'],
    ['UTF-8', '%E4%B8%AD%E6%96%87', '中文'],
    ['bytes that are not UTF-8, as U+FFFD', 'a%FFb', 'a\ufffdb'],
    ['a % without two hex digits, kept', '100%&x=%zz%4', '100%&x=%zz%4'],
    ['nothing to decode', 'plain', 'plain'],
  ])('decodes %s', (_case, text, decoded) => {
    expect(decodePercentUntilStable(text)).toBe(decoded);
  });

  it('stops after a bounded number of rounds', () => {
    let text = '=';
    for (let round = 0; round < 20; round++) text = encodeURIComponent(text);

    const decoded = decodePercentUntilStable(text);

    expect(decoded).not.toBe('=');
    expect(decodeEscapes(decoded)).toBe('=');
  });
});
