import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ExactNumber, toNumeric } from '../json/exact-number';
import type { JsonMap, JsonValue } from '../json/json';

/*
 * The service's own mapping between JSON and DynamoDB's attribute values, not
 * @aws-sdk/util-dynamodb's `marshall`/`unmarshall` (or the DocumentClient built on them), because
 * the two do not do the same job: the records are JSON whose numbers may be `ExactNumber`s
 * (digits a double would lose, stored as an exact N and read back exact), and reading must give
 * JSON back. `marshall` refuses numbers beyond 2^53 and knows only its own `NumberValue` class;
 * `unmarshall` returns `Set`s and `Uint8Array`s, which are not JSON. Six cases cover every value
 * the service writes (already checked against DynamoDB's limits, see ../json/storable.ts).
 */

/** An item as the SDK's low-level commands take and return it. */
export type Item = Record<string, AttributeValue>;

export function toAttribute(value: JsonValue): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (value instanceof ExactNumber) return { N: value.text };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  return { M: toItem(value) };
}

export function toItem(map: JsonMap): Item {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, toAttribute(value)]));
}

/** Sets, which the service never writes, read as lists; binaries, never written either, as null. */
export function fromAttribute(attribute: AttributeValue): JsonValue {
  if (attribute.S !== undefined) return attribute.S;
  if (attribute.N !== undefined) return fromNumber(attribute.N);
  if (attribute.BOOL !== undefined) return attribute.BOOL;
  if (attribute.L !== undefined) return attribute.L.map(fromAttribute);
  if (attribute.M !== undefined) return fromItem(attribute.M);
  if (attribute.SS !== undefined) return attribute.SS;
  if (attribute.NS !== undefined) return attribute.NS.map(fromNumber);
  return null;
}

export function fromItem(item: Item): JsonMap {
  return Object.fromEntries(
    Object.entries(item).map(([key, value]) => [key, fromAttribute(value)]),
  );
}

/** DynamoDB returns numbers as text: kept exact when a double would change them. */
function fromNumber(text: string): number | ExactNumber {
  return toNumeric(text) ?? Number(text);
}
