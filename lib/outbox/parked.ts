import type { RecordTable } from './record-store';
import type { StoredRecord } from '../record/record';

/** Parked records a listing or a retry reads at most: far above any real count. */
export const MAX_PARKED = 10_000;

export interface RetryParkedReport {
  /** Put back in line: the republisher publishes them on its next run. */
  retried: StoredRecord[];
  /** Asked for by id, but not parked (published, pending, unknown, or retried by someone else). */
  notParked: string[];
}

/**
 * Puts parked records of every table back in line, all of them or those whose event id is in `ids`: pending
 * again, their attempts forgotten, so the republisher tries them afresh. For after the cause is
 * fixed (a permission, a bus rule, a bug), or to try once more what the bus refused.
 */
export async function retryParked(
  stores: readonly RecordTable[],
  { ids, now = new Date() }: { ids?: readonly string[]; now?: Date } = {},
): Promise<RetryParkedReport> {
  const wanted = ids === undefined ? undefined : new Set(ids);
  const report: RetryParkedReport = { retried: [], notParked: [] };
  for (const store of stores) {
    for (const stored of await store.listParked(MAX_PARKED)) {
      if (wanted !== undefined && !wanted.has(stored.id)) continue;
      if (await store.unpark(stored.key, now.toISOString())) report.retried.push(stored);
    }
  }
  const retriedIds = new Set(report.retried.map((stored) => stored.id));
  report.notParked = [...(wanted ?? [])].filter((id) => !retriedIds.has(id));
  return report;
}

/** Every parked record of every table, oldest parked first within each table. */
export async function listParked(stores: readonly RecordTable[]): Promise<StoredRecord[]> {
  const lists = await Promise.all(stores.map((store) => store.listParked(MAX_PARKED)));
  return lists.flat();
}
