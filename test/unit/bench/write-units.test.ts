import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { writeUnits, type TableDefinition } from '../../../bench/write-units';

type Item = Record<string, AttributeValue>;

const table = (projection: TableDefinition['GlobalSecondaryIndexes']): TableDefinition => ({
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: projection,
});
const keysOnly = table([
  {
    IndexName: 'pending',
    KeySchema: [
      { AttributeName: 'state', KeyType: 'HASH' },
      { AttributeName: 'since', KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'KEYS_ONLY' },
  },
]);
const all = table([
  { ...keysOnly.GlobalSecondaryIndexes![0]!, Projection: { ProjectionType: 'ALL' } },
]);

const item = (extra: Item = {}, padding = 10): Item => ({
  pk: { S: 'stream' },
  sk: { S: 'file' },
  body: { S: 'x'.repeat(padding) },
  ...extra,
});
const pending: Item = { state: { S: 'PENDING' }, since: { S: '2026-12-07T00:00:00.000Z' } };

describe('DynamoDB write units, by its published rules', () => {
  it('bills the table per started KB of the larger of the item before and after', () => {
    expect(writeUnits(keysOnly, undefined, item()).table).toBe(1);
    expect(writeUnits(keysOnly, undefined, item({}, 1000)).table).toBe(1);
    expect(writeUnits(keysOnly, undefined, item({}, 1010)).table).toBe(2);
    expect(writeUnits(keysOnly, item({}, 1010), item()).table).toBe(2);
  });

  it('bills an index only when the write puts an entry in, takes one out, or changes one', () => {
    expect(writeUnits(keysOnly, undefined, item()).indexes).toEqual({ pending: 0 });
    expect(writeUnits(keysOnly, undefined, item(pending)).indexes).toEqual({ pending: 1 });
    expect(writeUnits(keysOnly, item(pending), item()).indexes).toEqual({ pending: 1 });
    // Not projected into a keys-only index: the entry does not change.
    expect(writeUnits(keysOnly, item(pending), item({ ...pending, note: { S: 'x' } })).total).toBe(
      1,
    );
  });

  it('bills a delete and a put when the index key changes', () => {
    const moved = { ...pending, since: { S: '2026-12-07T01:00:00.000Z' } };

    expect(writeUnits(keysOnly, item(pending), item(moved)).indexes).toEqual({ pending: 2 });
  });

  it('bills an entry of every attribute per started KB, with 100 bytes of overhead', () => {
    expect(writeUnits(all, undefined, item(pending, 900)).indexes).toEqual({ pending: 2 });
    expect(writeUnits(all, item(pending), item({ ...pending, note: { S: 'x' } })).total).toBe(2);
  });
});
