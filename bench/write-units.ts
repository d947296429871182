import type { AttributeValue, KeySchemaElement, Projection } from '@aws-sdk/client-dynamodb';
import { dynamoDbItemBytes } from './aws-sizes';

/*
 * What one write costs in DynamoDB write request units (WRU), on demand, by DynamoDB's published
 * rules: the table's write is billed on the larger of the item before and after it, per started
 * 1 KB; each global secondary index the write touches is billed on its own entry: one write to
 * put an entry in, one to take it out, both when the index key changes, one when only its
 * projected attributes change, none when the index is untouched. An index entry is the table's
 * key, the index's key and the projected attributes, plus 100 bytes of overhead.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes
 * dynalite bills the table alone, so the bench reads each item before and after the write and
 * applies these rules to the real states.
 */

type Item = Record<string, AttributeValue>;

export interface TableDefinition {
  KeySchema: readonly KeySchemaElement[];
  GlobalSecondaryIndexes?: readonly {
    IndexName: string;
    KeySchema: readonly KeySchemaElement[];
    Projection: Projection;
  }[];
}

export interface WriteUnits {
  table: number;
  /** By index name; 0 for an index the write did not touch. */
  indexes: Record<string, number>;
  total: number;
}

const INDEX_ENTRY_OVERHEAD_BYTES = 100;
const unitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** The units of one write that turned `before` into `after` (either undefined: none there). */
export function writeUnits(
  definition: TableDefinition,
  before: Item | undefined,
  after: Item | undefined,
): WriteUnits {
  const table = unitsOf(Math.max(bytesOf(before), bytesOf(after)));
  const indexes: Record<string, number> = {};
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    const [old, next] = [before, after].map((item) => entryOf(definition, index, item));
    indexes[index.IndexName] = indexUnits(index.KeySchema, old, next);
  }
  const total = table + Object.values(indexes).reduce((sum, units) => sum + units, 0);
  return { table, indexes, total };
}

function indexUnits(keySchema: readonly KeySchemaElement[], old?: Item, next?: Item): number {
  if (!old && !next) return 0;
  if (!old) return unitsOf(entryBytes(next));
  if (!next) return unitsOf(entryBytes(old));
  const keyOf = (entry: Item) =>
    JSON.stringify(keySchema.map(({ AttributeName = '' }) => entry[AttributeName]));
  if (keyOf(old) !== keyOf(next)) return unitsOf(entryBytes(old)) + unitsOf(entryBytes(next));
  if (JSON.stringify(sorted(old)) === JSON.stringify(sorted(next))) return 0;
  return unitsOf(Math.max(entryBytes(old), entryBytes(next)));
}

/** The index's entry for `item`: undefined when the item lacks a key attribute of the index. */
function entryOf(
  definition: TableDefinition,
  index: NonNullable<TableDefinition['GlobalSecondaryIndexes']>[number],
  item: Item | undefined,
): Item | undefined {
  if (!item) return undefined;
  const keys = [...definition.KeySchema, ...index.KeySchema].map(
    ({ AttributeName = '' }) => AttributeName,
  );
  if (index.KeySchema.some(({ AttributeName = '' }) => item[AttributeName] === undefined)) {
    return undefined;
  }
  const { ProjectionType, NonKeyAttributes = [] } = index.Projection;
  const names =
    ProjectionType === 'ALL'
      ? Object.keys(item)
      : [...keys, ...(ProjectionType === 'INCLUDE' ? NonKeyAttributes : [])];
  return Object.fromEntries(
    names
      .filter((name) => item[name] !== undefined)
      .map((name) => [name, item[name] as AttributeValue]),
  );
}

function bytesOf(item: Item | undefined): number {
  return item ? dynamoDbItemBytes(item) : 0;
}

function entryBytes(entry: Item | undefined): number {
  return bytesOf(entry) + INDEX_ENTRY_OVERHEAD_BYTES;
}

function sorted(item: Item): [string, AttributeValue][] {
  return Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1));
}
