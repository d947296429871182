import { canonicalJson, contentHash, type JsonValue } from '../../../lib/json/json';

describe('canonicalJson', () => {
  it('sorts object keys at every level', () => {
    const value = { b: 1, a: { d: [{ f: 1, e: 2 }], c: null } };

    expect(canonicalJson(value)).toBe('{"a":{"c":null,"d":[{"e":2,"f":1}]},"b":1}');
  });

  it('keeps the order of list items, which is meaningful', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('is valid JSON that parses back to an equal value', () => {
    const value = { text: 'quote " and \\ and 直播', n: -1.5, ok: true, none: null, list: [] };

    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it.each<[string, JsonValue, string]>([
    ['a string', 'a', '"a"'],
    ['a number', 42, '42'],
    ['a boolean', false, 'false'],
    ['null', null, 'null'],
  ])('writes %s as JSON does', (_case, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('writes a key named __proto__ like any other key', () => {
    const value = JSON.parse('{"b":1,"__proto__":{"x":1}}') as JsonValue;

    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"b":1}');
  });
});

describe('contentHash', () => {
  it('is the same for equal content whatever the key order', () => {
    const first = contentHash({ a: 1, b: { c: 2, d: 3 } });
    const second = contentHash({ b: { d: 3, c: 2 }, a: 1 });

    expect(first).toBe(second);
  });

  it.each<[string, JsonValue]>([
    ['a changed value', { a: 2, b: { c: 2, d: 3 } }],
    ['a changed nested value', { a: 1, b: { c: 2, d: 4 } }],
    ['an extra field', { a: 1, b: { c: 2, d: 3 }, e: null }],
    ['a number sent as a string', { a: '1', b: { c: 2, d: 3 } }],
  ])('differs for %s', (_case, changed) => {
    expect(contentHash(changed)).not.toBe(contentHash({ a: 1, b: { c: 2, d: 3 } }));
  });

  it('differs for list items in another order', () => {
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });

  it('is short and URL-safe (a SHA-256 in base64url)', () => {
    expect(contentHash({ a: 1 })).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
