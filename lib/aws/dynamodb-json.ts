import {
  createAwsJsonClient,
  type AwsJsonClient,
  type AwsJsonClientOptions,
  type AwsJsonService,
} from './aws-json-client';
import { AwsJsonError } from './aws-json-error';

/*
 * The four DynamoDB calls the recording store makes, over the shared AWS JSON request path
 * instead of the SDK's DynamoDB client. Inputs and outputs are DynamoDB's own JSON (what the SDK's
 * low-level commands take), so a caller moves from `client.send(new PutItemCommand(input))` to
 * `putItem(client, input)` without changing the input.
 */

export const DYNAMODB: AwsJsonService = {
  signingName: 'dynamodb',
  endpointPrefix: 'dynamodb',
  endpointVariable: 'DYNAMODB',
  targetPrefix: 'DynamoDB_20120810',
  jsonVersion: '1.0',
};

/**
 * Sized for the callback's budget (Tencent waits 20 s; the Lambda has 18): three attempts of at
 * most 2 s each, so a hung table turns into a 503 in time for Tencent's retry.
 */
export const DYNAMODB_BUDGET = {
  maxAttempts: 3,
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 2000,
} as const;

export function createDynamoDbJsonClient(options: AwsJsonClientOptions = {}): AwsJsonClient {
  return createAwsJsonClient(DYNAMODB, { ...DYNAMODB_BUDGET, ...options });
}

/**
 * DynamoDB's wire format of a value: exactly one member set. Numbers travel as strings (DynamoDB
 * keeps 38 digits), binaries as base64.
 */
export interface AttributeValue {
  S?: string;
  N?: string;
  B?: string;
  BOOL?: boolean;
  NULL?: boolean;
  M?: Record<string, AttributeValue>;
  L?: AttributeValue[];
  SS?: string[];
  NS?: string[];
  BS?: string[];
}

export type Item = Record<string, AttributeValue>;

interface Expressions {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
}

interface ConditionalWrite extends Expressions {
  TableName: string;
  ConditionExpression?: string;
  /** `ALL_OLD`: a failed condition returns the item that failed it (see conditionalCheckFailure). */
  ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
}

export interface PutItemInput extends ConditionalWrite {
  Item: Item;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}

export interface UpdateItemInput extends ConditionalWrite {
  Key: Item;
  UpdateExpression?: string;
  ReturnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
}

export interface GetItemInput {
  TableName: string;
  Key: Item;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}

export interface QueryInput extends Expressions {
  TableName: string;
  IndexName?: string;
  KeyConditionExpression: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ConsistentRead?: boolean;
  ScanIndexForward?: boolean;
  Limit?: number;
  ExclusiveStartKey?: Item;
  Select?: 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';
}

/** `Attributes` only when `ReturnValues` asked for them. */
export interface WriteOutput {
  Attributes?: Item;
}

export interface GetItemOutput {
  Item?: Item;
}

export interface QueryOutput {
  Items?: Item[];
  Count?: number;
  ScannedCount?: number;
  /** Set when there is more: pass it as `ExclusiveStartKey` for the next page. */
  LastEvaluatedKey?: Item;
}

export function putItem(client: AwsJsonClient, input: PutItemInput): Promise<WriteOutput> {
  return client.call('PutItem', input);
}

export function updateItem(client: AwsJsonClient, input: UpdateItemInput): Promise<WriteOutput> {
  return client.call('UpdateItem', input);
}

export function getItem(client: AwsJsonClient, input: GetItemInput): Promise<GetItemOutput> {
  return client.call('GetItem', input);
}

export interface DeleteItemInput extends ConditionalWrite {
  Key: Item;
}

export function deleteItem(client: AwsJsonClient, input: DeleteItemInput): Promise<WriteOutput> {
  return client.call('DeleteItem', input);
}

export function query(client: AwsJsonClient, input: QueryInput): Promise<QueryOutput> {
  return client.call('Query', input);
}

/** A conditional write whose condition did not hold. */
export interface ConditionalCheckFailure {
  /** The item as it is, when the write asked for it (`ReturnValuesOnConditionCheckFailure`). */
  item?: Item;
  /**
   * The write was sent more than once: an earlier attempt (one that timed out, say) may have been
   * applied, and this failure may be the write meeting its own effect. Only reading the item tells.
   */
  retried: boolean;
}

/**
 * Tells a failed condition from every other failure of a write: the former is an answer about
 * the data, the latter (throttling, timeouts, 5xx after the retries) means the table is
 * unavailable. Undefined for anything but a `ConditionalCheckFailedException`.
 */
export function conditionalCheckFailure(error: unknown): ConditionalCheckFailure | undefined {
  if (!(error instanceof AwsJsonError) || error.code !== 'ConditionalCheckFailedException') {
    return undefined;
  }
  const item = error.body?.Item;
  return {
    ...(typeof item === 'object' && item !== null && { item: item as Item }),
    retried: error.attempts > 1,
  };
}
