import type { Log } from '../log';
import { inRequests } from './event-publisher';
import {
  publishClaimed,
  PublishOutcome,
  toPublishable,
  type PublishDeps,
  type Publishable,
} from './publish';
import type { RecordStore, RecordTable } from './record-store';
import { claimUntil } from './store-record';
import type { StoredRecord } from '../record/record';

/**
 * Records younger than this are left to the callback that wrote them: it may still be publishing.
 * Longer than a publish claim, so a claim the republisher would wait on has expired by then.
 */
export const REPUBLISH_MIN_AGE_SECONDS = 60;
/** At one run every 5 minutes, 500 a run is 6,000 an hour: far above any real backlog. */
export const REPUBLISH_BATCH_SIZE = 500;

export interface RepublishReport {
  /** Pending records due for an attempt in this run. */
  found: number;
  published: number;
  /** Refused by the bus, one by one: tried again after a backoff. */
  failed: number;
  /** Refused for good, or too often: taken out of line (see `npm run republish -- --retry-parked`). */
  parked: number;
  /** Someone else (a redelivery, another run) held the claim or had published it already. */
  skipped: number;
  /** The bus could not be reached: the run stopped, and what was left waits for the next run. */
  stoppedEarly: boolean;
  /** Age of the oldest record found pending, in seconds (0 when none). */
  oldestPendingSeconds: number;
}

export interface RepublishDeps extends PublishDeps {
  store: RecordTable;
  log: Log;
  now?: () => Date;
}

/**
 * Publishes records stored but not yet published (EventBridge was down, a Lambda stopped between
 * its two writes, or the bus refused an entry). Records go out in PutEvents batches; each entry's
 * result is read, so one record the bus refuses never holds back the others: it waits a growing
 * backoff, and is parked after the last attempt. A failure of the bus as a whole (unreachable,
 * throttled, 5xx, a timeout) stops the run: hammering it helps no one, and the next run retries.
 * Each record is claimed first, so two runs, or a run and a redelivery, never publish the same
 * version twice.
 */
export async function republishPending(
  deps: RepublishDeps,
  { batchSize = REPUBLISH_BATCH_SIZE, minAgeSeconds = REPUBLISH_MIN_AGE_SECONDS } = {},
): Promise<RepublishReport> {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const before = new Date(started.getTime() - minAgeSeconds * 1000).toISOString();
  const pending = await deps.store.listPending(before, started.toISOString(), batchSize);
  const report: RepublishReport = {
    found: pending.length,
    published: 0,
    failed: 0,
    parked: 0,
    skipped: 0,
    stoppedEarly: false,
    oldestPendingSeconds: oldestAgeSeconds(pending, started),
  };

  const items = pending.map((stored) => toPublishable(deps, stored));
  for (const request of inRequests(items)) {
    const claimed = await claimEach(deps.store, request, now);
    report.skipped += request.length - claimed.length;
    if (claimed.length === 0) continue;

    const outcomes = await publishClaimed(deps, claimed, now);
    for (const [index, outcome] of outcomes.entries()) {
      const { stored } = claimed[index] as Publishable;
      if (outcome === PublishOutcome.published) {
        report.published++;
        deps.log.info('pending record published', { id: stored.id, version: stored.version });
      } else if (outcome === PublishOutcome.parked) report.parked++;
      else if (outcome === PublishOutcome.retryLater) report.failed++;
    }
    if (outcomes.includes(PublishOutcome.unavailable)) {
      report.stoppedEarly = true;
      deps.log.error('the bus is unavailable; the next run retries what is left', {
        left: pending.length - report.published - report.parked - report.failed - report.skipped,
      });
      break;
    }
  }
  return report;
}

async function claimEach(
  store: RecordStore,
  items: Publishable[],
  now: () => Date,
): Promise<Publishable[]> {
  const claimed: Publishable[] = [];
  for (const item of items) {
    const at = now();
    const { key, version } = item.stored;
    if (await store.claim(key, version, at.toISOString(), claimUntil(at))) claimed.push(item);
  }
  return claimed;
}

function oldestAgeSeconds(pending: readonly StoredRecord[], now: Date): number {
  const times = pending
    .map((stored) => stored.pendingSince)
    .filter((since) => since !== undefined)
    .map((since) => Date.parse(since));
  return times.length === 0
    ? 0
    : Math.max(0, Math.round((now.getTime() - Math.min(...times)) / 1000));
}

/**
 * Runs the republisher over every table, one after the other, and adds up what it did. Once the
 * bus has failed as a whole, the tables left wait for the next run too.
 */
export async function republishAll(
  deps: Omit<RepublishDeps, 'store'>,
  stores: readonly RecordTable[],
  options?: Parameters<typeof republishPending>[1],
): Promise<RepublishReport> {
  const total: RepublishReport = {
    found: 0,
    published: 0,
    failed: 0,
    parked: 0,
    skipped: 0,
    stoppedEarly: false,
    oldestPendingSeconds: 0,
  };
  for (const store of stores) {
    if (total.stoppedEarly) break;
    const report = await republishPending({ ...deps, store }, options);
    for (const name of ['found', 'published', 'failed', 'parked', 'skipped'] as const) {
      total[name] += report[name];
    }
    total.stoppedEarly = report.stoppedEarly;
    total.oldestPendingSeconds = Math.max(total.oldestPendingSeconds, report.oldestPendingSeconds);
  }
  return total;
}
