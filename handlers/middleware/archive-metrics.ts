import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ArchiveResult } from '../../lib/archive/archive-recording';
import METRICS from '../../lib/metrics.json';

/**
 * The archive's CloudWatch metrics (EMF, no API calls), named in lib/metrics.json, which the
 * dashboard reads too. A failed attempt counts nothing here: Lambda's `Errors` shows it, and its
 * retry counts what it did.
 */
export const ArchiveMetric = METRICS.archiveRecording;

const METRIC_OF_OUTCOME: Record<ArchiveResult['outcome'], string> = {
  archived: ArchiveMetric.archived,
  // Copied by an earlier attempt that failed before announcing it: archived by this one.
  announced: ArchiveMetric.archived,
  'already-archived': ArchiveMetric.alreadyArchived,
  superseded: ArchiveMetric.superseded,
  missing: ArchiveMetric.missing,
};

export function countArchiveResult(metrics: Metrics, result: ArchiveResult): void {
  metrics.addMetric(METRIC_OF_OUTCOME[result.outcome], MetricUnit.Count, 1);
  if (result.outcome === 'archived') {
    metrics.addMetric(ArchiveMetric.bytes, MetricUnit.Bytes, result.archive?.bytes ?? 0);
  }
}
