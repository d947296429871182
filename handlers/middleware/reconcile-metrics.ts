import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import METRICS from '../../lib/metrics.json';
import type { ReconcileReport } from '../../lib/reconcile/report';

/**
 * The metric each count of a run is published as (lib/metrics.json: the alarms and the dashboard
 * in serverless.yml read the same names).
 */
export const ReconcileMetric: Partial<Record<keyof ReconcileReport, string>> = METRICS.reconcile;

export function countReconciliation(metrics: Metrics, report: ReconcileReport): void {
  for (const [name, metric] of Object.entries(ReconcileMetric)) {
    metrics.addMetric(metric, MetricUnit.Count, Number(report[name as keyof ReconcileReport]));
  }
}
