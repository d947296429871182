import type { Log } from '../log';
import { publishClaimed, type PublishDeps } from './publish';
import { recordingId } from '../events/recording/types';
import { claimUntil } from './store-record';

/**
 * Records younger than this are left to the callback that wrote them: it may still be publishing.
 * Longer than a publish claim, so a claim the republisher would wait on has expired by then.
 */
export const REPUBLISH_MIN_AGE_SECONDS = 60;
/** At one run every 5 minutes, 500 a run is 6,000 an hour: far above any real backlog. */
export const REPUBLISH_BATCH_SIZE = 500;

export interface RepublishReport {
  /** Pending records old enough to be this run's business. */
  found: number;
  published: number;
  /** Publishing was attempted and refused: they stay pending for the next run. */
  failed: number;
  /** Someone else (a redelivery, another run) held the claim or had published it already. */
  skipped: number;
  /** Age of the oldest record found pending, in seconds (0 when none). */
  oldestPendingSeconds: number;
}

export interface RepublishDeps extends PublishDeps {
  log: Log;
  now?: () => Date;
}

/**
 * Publishes records stored but not yet published (EventBridge was down, or a Lambda stopped
 * between its two writes). Each record is claimed first, so two runs, or a run and a
 * redelivery, never publish the same version twice. Stops at the first refused publish: the bus
 * is down, and hammering it helps no one; what is left is retried on the next run.
 */
export async function republishPending(
  deps: RepublishDeps,
  { batchSize = REPUBLISH_BATCH_SIZE, minAgeSeconds = REPUBLISH_MIN_AGE_SECONDS } = {},
): Promise<RepublishReport> {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const before = new Date(started.getTime() - minAgeSeconds * 1000).toISOString();
  const pending = await deps.store.listPending(before, batchSize);
  const report: RepublishReport = {
    found: pending.length,
    published: 0,
    failed: 0,
    skipped: 0,
    oldestPendingSeconds: oldestAgeSeconds(
      pending.map((stored) => stored.pendingSince),
      started,
    ),
  };

  for (const stored of pending) {
    const key = stored.recording;
    const claimed = await deps.store.claim(
      key,
      stored.version,
      now().toISOString(),
      claimUntil(now()),
    );
    if (!claimed) {
      report.skipped++;
      continue;
    }
    if (await publishClaimed(deps, stored, now)) {
      report.published++;
      deps.log.info('pending record published', { id: recordingId(key), version: stored.version });
      continue;
    }
    report.failed++;
    deps.log.error('pending record still not published; the next run retries it', {
      id: recordingId(key),
      version: stored.version,
      pendingSince: stored.pendingSince,
    });
    break;
  }
  return report;
}

function oldestAgeSeconds(pendingSince: (string | undefined)[], now: Date): number {
  const times = pendingSince
    .filter((since) => since !== undefined)
    .map((since) => Date.parse(since));
  return times.length === 0
    ? 0
    : Math.max(0, Math.round((now.getTime() - Math.min(...times)) / 1000));
}
