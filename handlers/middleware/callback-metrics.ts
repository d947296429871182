import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { CallbackResult } from '../../lib/callback/service';
import METRICS from '../../lib/metrics.json';

/**
 * The callback's CloudWatch metrics (EMF, no API calls): what was accepted, duplicated or
 * rejected and why, and publishes that failed. Named in lib/metrics.json, which the alarms and
 * the dashboard in serverless.yml read too.
 */
export const CallbackMetric = METRICS.callback;

export function countResult(metrics: Metrics, result: CallbackResult): void {
  // A property of the metric line, not a dimension: the alarms watch the totals of every kind.
  metrics.addMetadata('kind', result.kind);
  const name = result.outcome === 'duplicate' ? CallbackMetric.duplicate : CallbackMetric.accepted;
  metrics.addMetric(name, MetricUnit.Count, 1);
  if (result.publishFailed) metrics.addMetric(CallbackMetric.publishFailed, MetricUnit.Count, 1);
  if (result.parked) metrics.addMetric(CallbackMetric.publishParked, MetricUnit.Count, 1);
}

/** Rejections carry their reason as a dimension: a spike of `mismatch` is a wrong key somewhere. */
export function countFailure(metrics: Metrics, statusCode: number, reason: string): void {
  if (statusCode >= 500) {
    metrics.addMetric(CallbackMetric.failed, MetricUnit.Count, 1);
    return;
  }
  // The only metric of a rejected invocation, so the dimension qualifies it alone.
  metrics.addDimension('reason', reason);
  metrics.addMetric(CallbackMetric.rejected, MetricUnit.Count, 1);
}
