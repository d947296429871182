/*
 * What DynamoDB and EventBridge bill by, computed from the requests the bench's endpoints receive
 * (the services' documented rules; DynamoDB's is an estimate for numbers, as its own is).
 */

/**
 * A value as DynamoDB's JSON carries it (binaries in base64, as the bench's endpoints receive
 * them) or as the SDK's commands hold it (binaries as bytes).
 */
interface WireAttribute {
  S?: string;
  N?: string;
  B?: string | Uint8Array;
  BOOL?: boolean;
  NULL?: boolean;
  M?: Record<string, WireAttribute>;
  L?: WireAttribute[];
  SS?: string[];
  NS?: string[];
  BS?: (string | Uint8Array)[];
}
type Item = Record<string, WireAttribute>;

const binaryBytes = (value: string | Uint8Array) =>
  typeof value === 'string' ? Buffer.from(value, 'base64').length : value.length;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * An item's size as DynamoDB counts it: each attribute's name (UTF-8) plus its value. Strings
 * count their UTF-8 bytes, numbers about one byte per two significant digits plus one, binaries
 * their bytes, booleans and nulls one; a map or list 3 bytes plus its elements, one more byte for
 * each, and a map's keys as names.
 */
export function dynamoDbItemBytes(item: Readonly<Item>): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + utf8(name) + valueBytes(value),
    0,
  );
}

function valueBytes(value: WireAttribute): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return binaryBytes(value.B);
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M !== undefined) {
    return Object.entries(value.M).reduce(
      (sum, [name, element]) => sum + utf8(name) + valueBytes(element) + 1,
      3,
    );
  }
  if (value.L !== undefined)
    return value.L.reduce((sum, element) => sum + valueBytes(element) + 1, 3);
  if (value.SS !== undefined) return value.SS.reduce((sum, element) => sum + utf8(element), 0);
  if (value.NS !== undefined)
    return value.NS.reduce((sum, element) => sum + numberBytes(element), 0);
  if (value.BS !== undefined) {
    return value.BS.reduce((sum, element) => sum + binaryBytes(element), 0);
  }
  return 0;
}

function numberBytes(number: string): number {
  const digits = number
    .replace(/^[-+]/, '')
    .replace(/e.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** A PutEvents entry's size as EventBridge counts it (billed per 64 KB chunk). */
export function eventBridgeEntryBytes(entry: {
  Time?: unknown;
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
}): number {
  return (
    (entry.Time !== undefined && entry.Time !== null ? 14 : 0) +
    utf8(entry.Source ?? '') +
    utf8(entry.DetailType ?? '') +
    utf8(entry.Detail ?? '') +
    (entry.Resources ?? []).reduce((sum, resource) => sum + utf8(resource), 0)
  );
}
