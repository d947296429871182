import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { fromAttribute, fromItem, toAttribute, toItem } from '../../../lib/aws/dynamodb-attributes';
import type { JsonMap, JsonValue } from '../../../lib/json/json';
import { aRecording } from '../../support/stored-record';

describe('toAttribute', () => {
  it.each<[string, JsonValue, AttributeValue]>([
    ['a string', 'mp4', { S: 'mp4' }],
    ['an empty string', '', { S: '' }],
    ['an integer', 277941079, { N: '277941079' }],
    ['a negative fraction', -1.5, { N: '-1.5' }],
    ['zero', 0, { N: '0' }],
    ['true', true, { BOOL: true }],
    ['false', false, { BOOL: false }],
    ['null', null, { NULL: true }],
    ['a list', [1, 'a', null], { L: [{ N: '1' }, { S: 'a' }, { NULL: true }] }],
    ['an empty list', [], { L: [] }],
    ['a map', { codec: 'h264', bps: 0 }, { M: { codec: { S: 'h264' }, bps: { N: '0' } } }],
    ['an empty map', {}, { M: {} }],
  ])('writes %s as DynamoDB expects', (_case, value, attribute) => {
    expect(toAttribute(value)).toEqual(attribute);
  });
});

describe('fromAttribute', () => {
  it.each<[string, AttributeValue, JsonValue]>([
    ['S', { S: 'x' }, 'x'],
    ['an empty S', { S: '' }, ''],
    ['N', { N: '42.5' }, 42.5],
    ['N of zero', { N: '0' }, 0],
    ['BOOL false', { BOOL: false }, false],
    ['NULL', { NULL: true }, null],
    ['L', { L: [{ S: 'a' }, { N: '1' }] }, ['a', 1]],
    ['M', { M: { a: { M: { b: { BOOL: true } } } } }, { a: { b: true } }],
    ['SS, written by someone else', { SS: ['a', 'b'] }, ['a', 'b']],
    ['NS, written by someone else', { NS: ['1', '2.5'] }, [1, 2.5]],
  ])('reads %s back as JSON', (_case, attribute, value) => {
    expect(fromAttribute(attribute)).toEqual(value);
  });
});

describe('toItem / fromItem', () => {
  it('round-trips a normalised recording unchanged', () => {
    const recording = aRecording({ extra: { list: [1, null, { deep: false }], empty: {} } });

    const roundTripped = fromItem(toItem(recording));

    expect(roundTripped).toEqual(recording);
  });

  it('keeps numbers as DynamoDB Numbers, for people browsing the console', () => {
    const item = toItem(aRecording());

    expect(item.file_size).toEqual({ N: '277941079' });
    expect(item.start_time).toEqual({ N: '1642089445' });
    expect(item.file_id).toEqual({ S: '1234567890' });
    expect(item.callback_ext).toEqual({
      M: { video_codec: { S: 'h264' }, resolution: { S: '640x480' } },
    });
  });

  it('keeps a key named __proto__ as an ordinary attribute both ways', () => {
    const map = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as JsonMap;

    const item = toItem(map);
    const back = fromItem(item);

    expect(Object.hasOwn(item, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual({ polluted: true });
    expect(back).toEqual(map);
  });
});
