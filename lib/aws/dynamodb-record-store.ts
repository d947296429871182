import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DependencyUnavailableError } from '../errors';
import type { JsonMap } from '../json/json';
import { BookkeepingField as F } from '../record/bookkeeping';
import type { PutNewResult, RecordStore } from '../outbox/record-store';
import { PUBLISH_CLAIM_SECONDS } from '../outbox/store-record';
import type {
  ItemKey,
  ParkReason,
  PublishFailure,
  ReceivedVia,
  StoredRecord,
} from '../record/record';
import { createDynamoDbClient } from './clients';
import { fromItem, toItem, type Item } from './dynamodb-attributes';

/*
 * What each write costs is part of the design (docs/performance.md, "What a callback costs"): an
 * item under DynamoDB's 1 KB write unit for a typical callback, and indexes that carry keys only,
 * so that a recording costs 7 write units from its arrival to its verification: the PutItem (the
 * table and both indexes, 3), marking it published (the table, and its leaving the pending index,
 * 2), the reconciler marking it verified (the table, and its leaving the verification index, 2).
 * Hence no attribute the item can do without: a new version's own publishing claim is implied by
 * its `updated_at` (see `claimOf`), and the verification index sorts by `updated_at` itself.
 * Readers of an index (the republisher, the reconciler, a person) read the records it names from
 * the table, which writes never pay for.
 */

/**
 * The sparse index on records whose event is not out: the republisher reads its `PENDING`
 * partition, a person (DynamoDB console) and `--retry-parked` its `PARKED` one. One index for both:
 * CloudFormation adds one index to an existing table per update, and parked records are few.
 * It carries the keys, and `publish_next_attempt_at`, which the republisher filters on.
 */
export const PENDING_INDEX_NAME = 'pending-publish';
/** The values of `publish_pending` (the index's partition key). */
export const PENDING = 'PENDING';
export const PARKED = 'PARKED';
/**
 * The sparse index on records waiting for Tencent's history to confirm them, oldest version first
 * (sorted by `updated_at`: a version waits from the moment it is written). Keys only.
 */
export const VERIFICATION_INDEX_NAME = 'pending-verification';
/** The value of `verify_pending` on every such record (the index's partition key). */
export const UNVERIFIED = 'UNVERIFIED';
/** How a table's items are laid out: its key attributes and what identifies a stored record. */
export interface TableLayout {
  tableName: string;
  /** What the table holds, for messages a sender may see (`recordings`): never its name. */
  label: string;
  /** The partition key attribute, then the sort key attribute if any. */
  keyAttributes: readonly string[];
  /** The event's id, detail-type and item key, from the record's fields (see `EventKind`). */
  identify: (fields: JsonMap) => Pick<StoredRecord, 'key' | 'id' | 'detailType'>;
  /** Attributes an item holds beside the record's fields (a sort key, a time to live). */
  itemAttributes?: (stored: StoredRecord) => JsonMap;
  /** Their names, so reading an item gives back the record's fields alone. */
  itemOnlyAttributes?: readonly string[];
}

/**
 * A table of records, over the SDK's DynamoDB client (one per container, shared by every table:
 * see `./tables`), with the callback's budget (`DYNAMODB_BUDGET`). What the callback needs: the
 * listings the republisher and the reconciler read are in `./dynamodb-record-table.ts`.
 */
export class DynamoDbRecordStore implements RecordStore {
  constructor(
    protected readonly layout: TableLayout,
    protected readonly client: DynamoDBClient = createDynamoDbClient(),
  ) {}

  protected get tableName(): string {
    return this.layout.tableName;
  }

  async putNew(stored: StoredRecord): Promise<PutNewResult> {
    try {
      await this.send(() =>
        this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: toItem(this.toStoredItem(stored)),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': this.layout.keyAttributes[0] as string },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      return { created: true };
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      // DynamoDB returns the item that failed the condition; a store that does not gets read.
      const existing = error.item ? this.fromStoredItem(error.item) : await this.get(stored.key);
      if (!existing) return this.putNew(stored); // deleted in between: write it again
      if (error.retried && isSameWrite(existing, stored)) return { created: true };
      return { created: false, existing };
    }
  }

  async replace(stored: StoredRecord, expectedVersion: number): Promise<boolean> {
    return this.succeeds(
      () =>
        this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: toItem(this.toStoredItem(stored)),
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': F.version },
            ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
          }),
        ),
      async () => {
        const current = await this.get(stored.key);
        return current !== undefined && isSameWrite(current, stored);
      },
    );
  }

  async claim(key: ItemKey, version: number, now: string, claimUntil: string): Promise<boolean> {
    // A claim that ends at `now` has ended. No claim on the item: its writer's, which ran from
    // `updated_at` for PUBLISH_CLAIM_SECONDS.
    const writtenBefore = new Date(Date.parse(now) - PUBLISH_CLAIM_SECONDS * 1000).toISOString();
    return this.succeeds(
      this.update(key, {
        UpdateExpression: 'SET #claim = :until',
        ConditionExpression:
          '#version = :version AND #pending = :pendingState AND ' +
          '((attribute_not_exists(#claim) AND #updated <= :writtenBefore) OR #claim <= :now)',
        ExpressionAttributeNames: {
          '#version': F.version,
          '#pending': F.publishPending,
          '#claim': F.publishClaimedUntil,
          '#updated': F.updatedAt,
        },
        ExpressionAttributeValues: {
          ':version': { N: String(version) },
          ':pendingState': { S: PENDING },
          ':now': { S: now },
          ':until': { S: claimUntil },
          ':writtenBefore': { S: writtenBefore },
        },
      }),
      async () => {
        const current = await this.get(key);
        return current?.version === version && current.claimedUntil === claimUntil;
      },
    );
  }

  async markPublished(key: ItemKey, version: number, now: string): Promise<boolean> {
    return this.succeeds(
      this.update(key, {
        UpdateExpression:
          'SET #published = :now REMOVE #pending, #since, #claim, #attempts, #next, #error',
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: {
          '#version': F.version,
          '#published': F.publishedAt,
          '#pending': F.publishPending,
          '#since': F.publishPendingSince,
          '#claim': F.publishClaimedUntil,
          '#attempts': F.publishAttempts,
          '#next': F.publishNextAttemptAt,
          '#error': F.publishLastError,
        },
        ExpressionAttributeValues: { ':version': { N: String(version) }, ':now': { S: now } },
      }),
    );
  }

  async releaseClaim(key: ItemKey, version: number, now: string): Promise<void> {
    // A claim that ended now, not no claim: no claim would mean the writer's, until 30 s after.
    await this.succeeds(
      this.update(key, {
        UpdateExpression: 'SET #claim = :now',
        ConditionExpression: '#version = :version AND #pending = :pendingState',
        ExpressionAttributeNames: {
          '#version': F.version,
          '#pending': F.publishPending,
          '#claim': F.publishClaimedUntil,
        },
        ExpressionAttributeValues: {
          ':version': { N: String(version) },
          ':pendingState': { S: PENDING },
          ':now': { S: now },
        },
      }),
    );
  }

  async recordFailure(key: ItemKey, version: number, failure: PublishFailure): Promise<boolean> {
    const names: Record<string, string> = {
      '#version': F.version,
      '#claim': F.publishClaimedUntil,
      '#attempts': F.publishAttempts,
      '#error': F.publishLastError,
      '#next': F.publishNextAttemptAt,
    };
    const values: Record<string, AttributeValue> = {
      ':version': { N: String(version) },
      ':attempts': { N: String(failure.attempts) },
      ':error': { S: failure.lastError },
    };
    let expression: string;
    if (failure.parked) {
      Object.assign(names, {
        '#pending': F.publishPending,
        '#since': F.publishPendingSince,
        '#parkedAt': F.publishParkedAt,
        '#reason': F.publishParkedReason,
      });
      Object.assign(values, {
        ':parked': { S: PARKED },
        ':at': { S: failure.parked.at },
        ':reason': { S: failure.parked.reason },
      });
      expression =
        'SET #attempts = :attempts, #error = :error, #pending = :parked, #since = :at, ' +
        '#parkedAt = :at, #reason = :reason REMOVE #claim, #next';
    } else {
      // The claim ends with the failure (see releaseClaim); the backoff keeps the republisher off.
      Object.assign(values, {
        ':next': { S: failure.nextAttemptAt ?? '' },
        ':failedAt': { S: failure.failedAt },
      });
      expression = 'SET #attempts = :attempts, #error = :error, #next = :next, #claim = :failedAt';
    }
    return this.succeeds(
      this.update(key, {
        UpdateExpression: expression,
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  async unpark(key: ItemKey, now: string): Promise<boolean> {
    return this.succeeds(
      this.update(key, {
        UpdateExpression:
          'SET #pending = :pending, #since = :now REMOVE #parkedAt, #reason, #attempts, #next',
        ConditionExpression: '#pending = :parked',
        ExpressionAttributeNames: {
          '#pending': F.publishPending,
          '#since': F.publishPendingSince,
          '#parkedAt': F.publishParkedAt,
          '#reason': F.publishParkedReason,
          '#attempts': F.publishAttempts,
          '#next': F.publishNextAttemptAt,
        },
        ExpressionAttributeValues: {
          ':pending': { S: PENDING },
          ':parked': { S: PARKED },
          ':now': { S: now },
        },
      }),
    );
  }

  async get(key: ItemKey): Promise<StoredRecord | undefined> {
    const { Item } = await this.send(() =>
      this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: this.itemKey(key),
          ConsistentRead: true,
        }),
      ),
    );
    return Item ? this.fromStoredItem(Item) : undefined;
  }

  async markVerified(key: ItemKey, contentHash: string, now: string): Promise<boolean> {
    return this.succeeds(
      this.update(key, {
        UpdateExpression: 'SET #verified = :now REMOVE #verifyPending',
        ConditionExpression: '#hash = :hash',
        ExpressionAttributeNames: {
          '#verified': F.verifiedAt,
          '#verifyPending': F.verifyPending,
          '#hash': F.contentHash,
        },
        ExpressionAttributeValues: { ':now': { S: now }, ':hash': { S: contentHash } },
      }),
    );
  }

  protected update(
    key: ItemKey,
    input: Omit<UpdateItemCommandInput, 'TableName' | 'Key'>,
  ): () => Promise<unknown> {
    return () =>
      this.client.send(
        new UpdateItemCommand({ ...input, TableName: this.tableName, Key: this.itemKey(key) }),
      );
  }

  protected itemKey(key: ItemKey): Item {
    return Object.fromEntries(
      this.layout.keyAttributes.map((name) => [name, { S: key[name] ?? '' }]),
    );
  }

  /**
   * Runs a conditional write; false when its condition failed. `wroteIt` settles the one
   * ambiguous case: an attempt that timed out after DynamoDB applied it, retried by the SDK, fails
   * its own condition, and only reading the item tells that the write is ours.
   */
  protected async succeeds(
    write: () => Promise<unknown>,
    wroteIt?: () => Promise<boolean>,
  ): Promise<boolean> {
    try {
      await this.send(write);
      return true;
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      return error.retried && wroteIt !== undefined ? wroteIt() : false;
    }
  }

  /**
   * The one place the SDK's errors become domain errors: a failed condition is an answer about
   * the data; anything else (throttling, timeouts, 5xx once the SDK's retries are spent) means
   * the table is unavailable.
   */
  protected async send<Output>(request: () => Promise<Output>): Promise<Output> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        // More than one attempt: an earlier one (that timed out, say) may have been applied.
        throw new ConditionFailed(error.Item, (error.$metadata.attempts ?? 1) > 1);
      }
      throw new DependencyUnavailableError(
        `the ${this.layout.label} table is unavailable; retry later`,
        { cause: error },
      );
    }
  }

  private toStoredItem(stored: StoredRecord): JsonMap {
    return itemOf(this.layout, stored);
  }

  protected fromStoredItem(item: Item): StoredRecord {
    const {
      [F.version]: version,
      [F.contentHash]: contentHash,
      [F.bodyHash]: bodyHash,
      [F.receivedAt]: receivedAt,
      [F.updatedAt]: updatedAt,
      [F.publishedAt]: publishedAt,
      [F.publishPending]: pendingState,
      [F.publishPendingSince]: since,
      [F.publishClaimedUntil]: claimedUntil,
      [F.publishAttempts]: publishAttempts,
      [F.publishNextAttemptAt]: nextAttemptAt,
      [F.publishLastError]: lastError,
      [F.publishParkedAt]: parkedAt,
      [F.publishParkedReason]: parkedReason,
      [F.receivedVia]: receivedVia,
      [F.recoveredAt]: recoveredAt,
      [F.verifiedAt]: verifiedAt,
      [F.verifyPending]: verifyPending,
      [F.verifyPendingSince]: _legacy,
      // The archiver's: not the record's fields, never in its event (see lib/aws/dynamodb-archive-records.ts).
      [F.archive]: _archive,
      [F.archiveProgress]: _archiveProgress,
      ...attributes
    } = fromItem(item);
    const itemOnly = new Set(this.layout.itemOnlyAttributes);
    const fields = Object.fromEntries(
      Object.entries(attributes).filter(([name]) => !itemOnly.has(name)),
    );
    const pending = pendingState === PENDING && typeof since === 'string';
    const claim = claimOf(claimedUntil, updatedAt as string);
    return {
      ...this.layout.identify(fields),
      fields,
      version: Number(version),
      contentHash: contentHash as string,
      receivedAt: receivedAt as string,
      updatedAt: updatedAt as string,
      ...(typeof publishedAt === 'string' && { publishedAt }),
      ...(pending && { pendingSince: since }),
      ...(pending && claim !== undefined && { claimedUntil: claim }),
      ...(typeof publishAttempts === 'number' && { publishAttempts }),
      ...(typeof nextAttemptAt === 'string' && { nextAttemptAt }),
      ...(typeof lastError === 'string' && { lastError }),
      ...(typeof parkedAt === 'string' && { parkedAt }),
      ...(typeof parkedReason === 'string' && { parkedReason: parkedReason as ParkReason }),
      ...(typeof bodyHash === 'string' && { bodyHash }),
      ...(typeof receivedVia === 'string' && { receivedVia: receivedVia as ReceivedVia }),
      ...(typeof recoveredAt === 'string' && { recoveredAt }),
      ...(typeof verifiedAt === 'string' && { verifiedAt }),
      ...(verifyPending === UNVERIFIED && { unverifiedSince: updatedAt as string }),
    };
  }
}

/**
 * A pending version's claim: the one an item holds, or, when it holds none, its writer's, which
 * runs from the version's `updated_at` for `PUBLISH_CLAIM_SECONDS` (storeRecord writes a version
 * claimed for exactly that long, and the item leaves the attribute out to stay under 1 KB).
 */
function claimOf(claimedUntil: unknown, updatedAt: string): string | undefined {
  if (typeof claimedUntil === 'string') return claimedUntil;
  const written = Date.parse(updatedAt);
  return Number.isNaN(written)
    ? undefined
    : new Date(written + PUBLISH_CLAIM_SECONDS * 1000).toISOString();
}

class ConditionFailed extends Error {
  constructor(
    readonly item: Item | undefined,
    /** The SDK sent the write more than once: an earlier attempt may have been applied. */
    readonly retried: boolean,
  ) {
    super('condition failed');
  }
}

/** The item is exactly what this writer wrote: same version, content, write time and claim. */
function isSameWrite(item: StoredRecord, written: StoredRecord): boolean {
  return (
    item.version === written.version &&
    item.contentHash === written.contentHash &&
    item.updatedAt === written.updatedAt &&
    item.claimedUntil === written.claimedUntil
  );
}

/** The item a stored record is in its table: what a person sees in the DynamoDB console. */
export function itemOf(layout: TableLayout, stored: StoredRecord): JsonMap {
  return { ...toStoredItem(stored), ...stored.key, ...layout.itemAttributes?.(stored) };
}

function toStoredItem(stored: StoredRecord): JsonMap {
  const item: JsonMap = {
    ...stored.fields,
    [F.version]: stored.version,
    [F.contentHash]: stored.contentHash,
    [F.receivedAt]: stored.receivedAt,
    [F.updatedAt]: stored.updatedAt,
  };
  // The writer's own claim is implied by `updated_at` (see claimOf): only another is written.
  const claim =
    stored.claimedUntil === claimOf(undefined, stored.updatedAt) ? undefined : stored.claimedUntil;
  const optional: [string, string | number | undefined][] = [
    [F.publishedAt, stored.publishedAt],
    [F.publishClaimedUntil, claim],
    [F.publishAttempts, stored.publishAttempts],
    [F.publishNextAttemptAt, stored.nextAttemptAt],
    [F.publishLastError, stored.lastError],
    [F.publishParkedAt, stored.parkedAt],
    [F.publishParkedReason, stored.parkedReason],
    [F.bodyHash, stored.bodyHash],
    [F.receivedVia, stored.receivedVia],
    [F.recoveredAt, stored.recoveredAt],
    [F.verifiedAt, stored.verifiedAt],
  ];
  for (const [name, value] of optional) if (value !== undefined) item[name] = value;
  if (stored.pendingSince !== undefined) {
    item[F.publishPending] = PENDING;
    item[F.publishPendingSince] = stored.pendingSince;
  } else if (stored.parkedAt !== undefined) {
    item[F.publishPending] = PARKED;
    item[F.publishPendingSince] = stored.parkedAt;
  }
  // A version waits for Tencent's history from the moment it is written: `updated_at` says when.
  if (stored.unverifiedSince !== undefined) item[F.verifyPending] = UNVERIFIED;
  return item;
}
