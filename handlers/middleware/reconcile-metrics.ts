import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ReconcileReport } from '../../lib/reconcile/report';

/** The metric each count of a run is published as; the alarms in serverless.yml watch some. */
export const ReconcileMetric = {
  streamsChecked: 'ReconcileStreamsChecked',
  callbacksFound: 'ReconcileCallbacksFound',
  recovered: 'ReconcileRecovered',
  verified: 'ReconcileVerified',
  replaced: 'ReconcileReplaced',
  invalid: 'ReconcileInvalidHistory',
  unverified: 'RecordsUnverified',
  apiCalls: 'TencentApiCalls',
  throttled: 'TencentThrottles',
} as const satisfies Partial<Record<keyof ReconcileReport, string>>;

export function countReconciliation(metrics: Metrics, report: ReconcileReport): void {
  for (const [name, metric] of Object.entries(ReconcileMetric)) {
    metrics.addMetric(metric, MetricUnit.Count, report[name as keyof typeof ReconcileMetric]);
  }
}
