import { dynamoDbItemBytes, eventBridgeEntryBytes } from '../../../bench/aws-sizes';

describe('what DynamoDB and EventBridge bill by', () => {
  it.each([
    ['a string: name and UTF-8 bytes', { id: { S: 'é1' } }, 2 + 3],
    ['a number: about one byte per two significant digits, plus one', { n: { N: '12345' } }, 1 + 4],
    ['a number with leading and trailing zeros trimmed', { n: { N: '-0012.300' } }, 1 + 3],
    ['a boolean and a null: one byte each', { b: { BOOL: true }, z: { NULL: true } }, 2 + 2],
    ['a binary: its decoded bytes', { b: { B: Buffer.from('abcd').toString('base64') } }, 1 + 4],
    [
      'a map: 3 bytes, plus each key, value and one byte per element',
      { m: { M: { a: { S: 'xy' } } } },
      1 + 3 + (1 + 2 + 1),
    ],
    [
      'a list: 3 bytes, plus each value and one byte each',
      { l: { L: [{ S: 'x' }, { BOOL: false }] } },
      1 + 3 + 2 + 2,
    ],
    ['a string set: the sum of its members', { s: { SS: ['ab', 'c'] } }, 1 + 3],
  ])('counts %s', (_label, item, expected) => {
    expect(dynamoDbItemBytes(item)).toBe(expected);
  });

  it('counts a PutEvents entry as EventBridge does: time, source, detail-type, detail, resources', () => {
    const entry = {
      Time: new Date(),
      Source: 'tencentcloud.css',
      DetailType: 'Recording File Created',
      Detail: '{"a":1}',
      Resources: ['arn:x'],
    };

    expect(eventBridgeEntryBytes(entry)).toBe(14 + 16 + 22 + 7 + 5);
    expect(eventBridgeEntryBytes({ Source: 's', DetailType: 'd' })).toBe(2);
  });
});
