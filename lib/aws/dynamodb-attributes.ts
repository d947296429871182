import type { AttributeValue, Item } from './dynamodb-json';
import { ExactNumber, toNumeric } from '../json/exact-number';
import type { JsonMap, JsonValue } from '../json/json';

/*
 * Marshalling by hand instead of @aws-sdk/util-dynamodb or the DocumentClient: the values are
 * plain JSON already checked against DynamoDB's limits (see ../json/storable.ts), so six cases cover
 * them, and the cold start does not pay for a library that handles sets, binaries and classes.
 */

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

/**
 * What reading needs of a value. DynamoDB's wire JSON fits, and so do the SDK's `AttributeValue`s
 * that scripts and tests read with the SDK's client.
 */
export interface ReadableAttribute {
  S?: string;
  N?: string;
  BOOL?: boolean;
  L?: ReadableAttribute[];
  M?: Record<string, ReadableAttribute>;
  SS?: string[];
  NS?: string[];
}

export function fromAttribute(attribute: ReadableAttribute): JsonValue {
  if (attribute.S !== undefined) return attribute.S;
  if (attribute.N !== undefined) return fromNumber(attribute.N);
  if (attribute.BOOL !== undefined) return attribute.BOOL;
  if (attribute.L !== undefined) return attribute.L.map(fromAttribute);
  if (attribute.M !== undefined) return fromItem(attribute.M);
  if (attribute.SS !== undefined) return attribute.SS;
  if (attribute.NS !== undefined) return attribute.NS.map(fromNumber);
  return null;
}

export function fromItem(item: Record<string, ReadableAttribute>): JsonMap {
  return Object.fromEntries(
    Object.entries(item).map(([key, value]) => [key, fromAttribute(value)]),
  );
}

/** DynamoDB returns numbers as text: kept exact when a double would change them. */
function fromNumber(text: string): number | ExactNumber {
  return toNumeric(text) ?? Number(text);
}
