import { GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ArchiveRecords } from '../archive/archive-records';
import { ArchiveStorageError } from '../archive/errors';
import { recordingToArchive } from '../archive/recording';
import type { ArchiveProgress, ArchiveRecord, ArchiveState, CompletedPart } from '../archive/types';
import { DependencyUnavailableError } from '../errors';
import { ExactNumber } from '../json/exact-number';
import type { JsonMap, JsonValue } from '../json/json';
import { BookkeepingField as F } from '../record/bookkeeping';
import type { ItemKey } from '../record/record';
import { fromItem, toAttribute } from './dynamodb-attributes';
import { DynamoDbRecordStore } from './dynamodb-record-store';

/*
 * The archiver's two attributes on a recording's item, as a person reads them in the console:
 *
 *   archive           { uri, bytes, checksum?, archived_at }              once archived
 *   archive_progress  { holder, lease_until, attempts, started_at, bytes,  while a copy is under
 *                       upload_id?, part_size?, parts?: [{ n, etag, size, crc? }],   way, or until
 *                       files?, playlist? }                                its event is out
 *
 * Each write is an UpdateItem of these attributes alone, conditional on the copy's holder, so it
 * never touches the record or its publishing state. A new version replaces the whole item
 * (PutItem), without either attribute: its copy's holder then finds its condition failing, and
 * the new version is archived by its own event. The callback never reads or writes them: its
 * item stays as lean as before, and the archiver pays for its own writes.
 */

/** The recordings table as the archiver uses it. */
export class DynamoDbArchiveRecords extends DynamoDbRecordStore implements ArchiveRecords {
  async read(key: ItemKey): Promise<ArchiveState | undefined> {
    const { Item } = await this.archiveSend(() =>
      this.send(() =>
        this.client.send(
          new GetItemCommand({
            TableName: this.tableName,
            Key: this.itemKey(key),
            ConsistentRead: true,
          }),
        ),
      ),
    );
    if (!Item) return undefined;
    const { [F.archive]: archive, [F.archiveProgress]: progress, ...item } = fromItem(Item);
    return {
      recording: recordingToArchive(item, Number(item[F.version])),
      ...(isMap(archive) && { archive: archiveOf(archive) }),
      ...(isMap(progress) && { progress: progressOf(progress) }),
    };
  }

  async take(
    key: ItemKey,
    version: number,
    progress: ArchiveProgress,
    found: ArchiveProgress | undefined,
  ): Promise<boolean> {
    const held =
      found === undefined
        ? 'attribute_not_exists(#progress) AND attribute_not_exists(#archive)'
        : '#progress.#holder = :foundHolder AND #progress.#lease = :foundLease';
    return this.write(
      key,
      {
        UpdateExpression: 'SET #progress = :progress',
        ConditionExpression: `#version = :version AND ${held}`,
        ExpressionAttributeNames: {
          '#version': F.version,
          '#progress': F.archiveProgress,
          ...(found === undefined
            ? { '#archive': F.archive }
            : { '#holder': 'holder', '#lease': 'lease_until' }),
        },
        ExpressionAttributeValues: {
          ':version': { N: String(version) },
          ':progress': toAttribute(progressItem(progress)),
          ...(found !== undefined && {
            ':foundHolder': { S: found.holder },
            ':foundLease': { S: found.leaseUntil },
          }),
        },
      },
      // An attempt the SDK retried may have been applied: then the item holds exactly ours.
      async () => (await this.read(key))?.progress?.leaseUntil === progress.leaseUntil,
    );
  }

  async save(key: ItemKey, progress: ArchiveProgress): Promise<boolean> {
    return this.write(
      key,
      this.byHolder(progress.holder, 'SET #progress = :progress', {
        ':progress': toAttribute(progressItem(progress)),
      }),
    );
  }

  async release(key: ItemKey, progress: ArchiveProgress, now: string): Promise<boolean> {
    return this.save(key, { ...progress, leaseUntil: now });
  }

  async discard(key: ItemKey, holder: string): Promise<boolean> {
    return this.write(key, this.byHolder(holder, 'REMOVE #progress'), async () => {
      return (await this.read(key))?.progress === undefined;
    });
  }

  async markArchived(key: ItemKey, holder: string, archive: ArchiveRecord): Promise<boolean> {
    // The parts are of no use once the upload is complete: the item shrinks back.
    const input = this.byHolder(holder, 'SET #archive = :archive REMOVE #progress.#parts', {
      ':archive': toAttribute(archiveItem(archive)),
    });
    input.ExpressionAttributeNames = {
      ...input.ExpressionAttributeNames,
      '#archive': F.archive,
      '#parts': 'parts',
    };
    return this.write(key, input);
  }

  async finish(key: ItemKey, holder: string): Promise<boolean> {
    return this.write(key, this.byHolder(holder, 'REMOVE #progress'), async () => {
      return (await this.read(key))?.progress === undefined;
    });
  }

  private byHolder(
    holder: string,
    updateExpression: string,
    values: Record<string, AttributeValue> = {},
  ) {
    return {
      UpdateExpression: updateExpression,
      ConditionExpression: '#progress.#holder = :holder',
      ExpressionAttributeNames: {
        '#progress': F.archiveProgress,
        '#holder': 'holder',
      } as Record<string, string>,
      ExpressionAttributeValues: { ':holder': { S: holder }, ...values },
    };
  }

  private async write(
    key: ItemKey,
    input: Parameters<DynamoDbRecordStore['update']>[1],
    wroteIt?: () => Promise<boolean>,
  ): Promise<boolean> {
    return this.archiveSend(() => this.succeeds(this.update(key, input), wroteIt));
  }

  /** The table's failures as the archive's (DependencyUnavailableError is the callback's). */
  private async archiveSend<Output>(request: () => Promise<Output>): Promise<Output> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof DependencyUnavailableError)) throw error;
      throw new ArchiveStorageError(error.message, { cause: error.cause });
    }
  }
}

function isMap(value: JsonValue | undefined): value is JsonMap {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof ExactNumber)
  );
}

function archiveItem(archive: ArchiveRecord): JsonMap {
  return {
    uri: archive.uri,
    bytes: archive.bytes,
    ...(archive.checksum !== undefined && { checksum: archive.checksum }),
    archived_at: archive.archivedAt,
  };
}

function archiveOf(item: JsonMap): ArchiveRecord {
  return {
    uri: textOf(item.uri),
    bytes: Number(item.bytes),
    ...(typeof item.checksum === 'string' && { checksum: item.checksum }),
    archivedAt: textOf(item.archived_at),
  };
}

function progressItem(progress: ArchiveProgress): JsonMap {
  return {
    holder: progress.holder,
    lease_until: progress.leaseUntil,
    attempts: progress.attempts,
    started_at: progress.startedAt,
    bytes: progress.bytes,
    ...(progress.uploadId !== undefined && { upload_id: progress.uploadId }),
    ...(progress.partSize !== undefined && { part_size: progress.partSize }),
    ...(progress.parts !== undefined && {
      parts: progress.parts.map((part) => ({
        n: part.number,
        etag: part.etag,
        size: part.size,
        ...(part.checksum !== undefined && { crc: part.checksum }),
      })),
    }),
    ...(progress.files !== undefined && { files: progress.files }),
    ...(progress.playlist !== undefined && { playlist: progress.playlist }),
  };
}

function progressOf(item: JsonMap): ArchiveProgress {
  const parts = Array.isArray(item.parts) ? item.parts.filter(isMap).map(partOf) : undefined;
  return {
    holder: textOf(item.holder),
    leaseUntil: textOf(item.lease_until),
    attempts: Number(item.attempts ?? 1),
    startedAt: textOf(item.started_at),
    bytes: Number(item.bytes ?? 0),
    ...(typeof item.upload_id === 'string' && { uploadId: item.upload_id }),
    ...(typeof item.part_size === 'number' && { partSize: item.part_size }),
    ...(parts !== undefined && { parts }),
    ...(typeof item.files === 'number' && { files: item.files }),
    ...(typeof item.playlist === 'string' && { playlist: item.playlist }),
  };
}

function partOf(item: JsonMap): CompletedPart {
  return {
    number: Number(item.n),
    etag: textOf(item.etag),
    size: Number(item.size),
    ...(typeof item.crc === 'string' && { checksum: item.crc }),
  };
}

function textOf(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}
