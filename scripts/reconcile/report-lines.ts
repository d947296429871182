import { DEFAULT_UNVERIFIED_AFTER_HOURS } from '../../lib/config';
import type { ReconcileReport } from '../../lib/reconcile/report';

/**
 * The report as a person reads it: what Tencent's history held (every retry is a delivery of its
 * own, so deliveries outnumber callbacks), then what became of each callback, adding up to them.
 */
export function describeReport(report: ReconcileReport): string[] {
  const would = report.dryRun ? 'would be ' : '';
  const deliveries = report.callbacksFound - report.invalid;
  const history =
    `Tencent's history: ${count(deliveries, 'delivery', 'deliveries')} of ` +
    count(report.distinctCallbacks, 'callback') +
    (report.invalid > 0
      ? `, and ${count(report.invalid, 'entry', 'entries')} that ${report.invalid === 1 ? 'is' : 'are'} not a valid callback (skipped)`
      : '');
  return [
    `Streams live in the window: ${report.streams}; read ${report.unitsDone} of ${report.units} stream-days.`,
    history,
    `  recovered (${would}stored and published): ${report.recovered}`,
    `  verified: ${report.verified}`,
    ...(report.alreadyVerified > 0
      ? [`  verified by an earlier run: ${report.alreadyVerified}`]
      : []),
    `  replaced by Tencent's content (${would}published again): ${report.replaced}`,
    ...(report.notComparable > 0
      ? [`  held by an older version, left as they are: ${report.notComparable}`]
      : []),
    `Requests to Tencent: ${report.apiCalls} (${report.throttled} throttled and retried)`,
    `Unverified records (delivered, not confirmed by Tencent's history for ${DEFAULT_UNVERIFIED_AFTER_HOURS} h): ${report.unverified}${report.unverified > 0 ? ': npm run reconcile -- --list-unverified' : ''}`,
    report.complete ? 'Done.' : 'Stopped before the end: run the same command again to resume.',
  ];
}

function count(value: number, one: string, many = `${one}s`): string {
  return `${value} ${value === 1 ? one : many}`;
}
