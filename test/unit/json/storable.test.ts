import { isStorable, unstorableReason } from '../../../lib/json/storable';

function nestedMaps(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < levels; level++) value = { inner: value };
  return value;
}

function nestedLists(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < levels; level++) value = [value];
  return value;
}

describe('unstorableReason', () => {
  it.each<[string, unknown]>([
    ['a string', 'text'],
    ['an empty string', ''],
    ['zero', 0],
    ['a negative fraction', -0.5],
    ['the largest magnitude DynamoDB keeps', 1e125],
    ['the smallest magnitude DynamoDB keeps', 1e-130],
    ['true', true],
    ['false', false],
    ['null', null],
    ['an empty list', []],
    ['an empty map', {}],
    ['a mixed document', { a: [1, 'two', null, { b: false }] }],
    ['maps nested 30 levels deep', nestedMaps(30)],
    ['lists nested 30 levels deep', nestedLists(30)],
  ])('accepts %s', (_case, value) => {
    expect(unstorableReason(value)).toBeUndefined();
    expect(isStorable(value)).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['a number above 1e125', 1e300, 'is a number too large to store'],
    ['a number below -1e125', -1e126, 'is a number too large to store'],
    ['Infinity', Infinity, 'is a number too large to store'],
    ['NaN', NaN, 'is a number too large to store'],
    ['a number closer to zero than 1e-130', 1e-200, 'is a number too small to store'],
    ['maps nested 31 levels deep', nestedMaps(31), 'is nested more than 30 levels deep'],
    ['lists nested 31 levels deep', nestedLists(31), 'is nested more than 30 levels deep'],
    ['a map with an empty key', { '': 1 }, 'has an empty key'],
    ['a deeper map with an empty key', { a: [{ '': 1 }] }, 'has an empty key'],
    [
      'a map with a key named __proto__',
      JSON.parse('{"a":{"__proto__":1}}') as unknown,
      'has a key named __proto__',
    ],
    ['a key that is not valid Unicode', { 'a\ud800': 1 }, 'has a key that is not valid Unicode'],
    ['a string that is not valid Unicode', 'a\udc00b', 'is not valid Unicode'],
    ['a number too large inside a list', [1, [1e300]], 'is a number too large to store'],
    ['undefined', undefined, 'is not a JSON value'],
    ['a function', () => 1, 'is not a JSON value'],
    ['a bigint', 1n, 'is not a JSON value'],
  ])('refuses %s', (_case, value, reason) => {
    expect(unstorableReason(value)).toBe(reason);
    expect(isStorable(value)).toBe(false);
  });
});
