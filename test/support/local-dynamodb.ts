import { ensureServiceTables } from '../../scripts/local/tables';
import type { LocalDynamoDb } from '../../fakes/dynamodb';

let tableCounter = 0;

/** A fresh table per test file (or test), so tests never see each other's items. */
export async function createTestTable(db: LocalDynamoDb, prefix = 'recordings'): Promise<string> {
  const tableName = `${prefix}-${process.pid}-${++tableCounter}-${Date.now()}`;
  await ensureServiceTables(db.client, { tableName, eventsTableName: eventsTableOf(tableName) });
  return tableName;
}

/** The events table a test table comes with (`createTestTable` makes both). */
export function eventsTableOf(tableName: string): string {
  return `${tableName}-events`;
}
