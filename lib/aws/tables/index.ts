import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Config } from '../../config';
import type { TableName } from '../../events/kind';
import { recordingKind } from '../../events/kinds/recording';
import { kindOfEventType } from '../../events/registry';
import type { JsonMap } from '../../json/json';
import type { StoredRecord } from '../../record/record';
import { createDynamoDbClient } from '../clients';
import { DynamoDbProjectionStore } from '../dynamodb-projection-store';
import { DynamoDbRecordStore, type TableLayout } from '../dynamodb-record-store';
import { DynamoDbRecordTable } from '../dynamodb-record-table';
import events from './events.json';

/*
 * The service's tables. Each one's keys and indexes are defined once, in the JSON file beside
 * this one, which both serverless.yml (deployed) and the local stack (`npm start`, the tests) read.
 *
 * recordings  one item per recorded file: stream_id + file_id (unchanged since the first version)
 * events      every other kind: stream_id + event_key (`<kind>#<natural key>`), so one query
 *             lists a stream's sessions, screenshots or moderation results; push sessions are
 *             items of their own there (`session#<sequence>`), which start and end fill in; the
 *             high-volume kinds expire (`expires_at`, DynamoDB's time to live).
 */

export function recordingsTable(tableName: string): TableLayout {
  return {
    tableName,
    label: 'recordings',
    keyAttributes: ['stream_id', 'file_id'],
    identify: recordingKind.identify,
  };
}

/** The attribute DynamoDB's time to live reads (Unix seconds), as events.json names it. */
export const EXPIRES_AT = events.TimeToLiveAttribute;
const EVENT_KEY = 'event_key';

export interface EventsTableOptions {
  /** Days a record of a high-volume kind (screenshots, moderation) is kept. */
  highVolumeRetentionDays: number;
}

export function eventsTable(tableName: string, options: EventsTableOptions): TableLayout {
  return {
    tableName,
    label: 'events',
    keyAttributes: ['stream_id', EVENT_KEY],
    identify: (fields) => kindOf(fields).identify(fields),
    itemOnlyAttributes: [EVENT_KEY, EXPIRES_AT],
    itemAttributes: (stored: StoredRecord): JsonMap => {
      if (!kindOf(stored.fields).highVolume) return {};
      const received = Date.parse(stored.receivedAt) / 1000;
      return { [EXPIRES_AT]: Math.floor(received + options.highVolumeRetentionDays * 86_400) };
    },
  };
}

function kindOf(fields: JsonMap) {
  return kindOfEventType(Number(fields.event_type));
}

/** Every table of a deployment, as the functions and the commands use them. */
export interface ServiceTables<Store extends DynamoDbRecordStore = DynamoDbRecordStore> {
  stores: Readonly<Record<TableName, Store>>;
  projections: DynamoDbProjectionStore;
}

type TablesConfig = Pick<Config, 'tableName' | 'eventsTableName' | 'highVolumeRetentionDays'>;

/**
 * The tables named by the configuration, over one client: a warm function keeps one connection
 * to DynamoDB for all of them. What the callback needs: it stores, and never lists.
 */
export function serviceTables(
  config: TablesConfig,
  client: DynamoDBClient = createDynamoDbClient(),
): ServiceTables {
  return tablesOf(DynamoDbRecordStore, config, client);
}

/** The same tables with the listings of their indexes: the republisher's and reconciler's. */
export function serviceTablesWithListings(
  config: TablesConfig,
  client: DynamoDBClient = createDynamoDbClient(),
): ServiceTables<DynamoDbRecordTable> {
  return tablesOf(DynamoDbRecordTable, config, client);
}

function tablesOf<Store extends DynamoDbRecordStore>(
  Table: new (layout: TableLayout, client: DynamoDBClient) => Store,
  config: TablesConfig,
  client: DynamoDBClient,
): ServiceTables<Store> {
  return {
    stores: {
      recordings: new Table(recordingsTable(config.tableName), client),
      events: new Table(eventsTable(config.eventsTableName, config), client),
    },
    projections: new DynamoDbProjectionStore(config.eventsTableName, client),
  };
}
