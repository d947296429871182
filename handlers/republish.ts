import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { EventBridgeEventPublisher } from '../lib/aws/eventbridge-event-publisher';
import { serviceTablesWithListings } from '../lib/aws/tables';
import { loadConfig } from '../lib/config';
import { keptWhenTruncated } from '../lib/events/registry';
import { republishAll, type RepublishReport } from '../lib/outbox/republish';

// Service name and metrics namespace come from POWERTOOLS_* variables set in serverless.yml.
const config = loadConfig();
const logger = new Logger();
const metrics = new Metrics();
const { stores } = serviceTablesWithListings(config);
const deps = {
  publisher: new EventBridgeEventPublisher(config.eventBusName),
  log: logger,
  keptWhenTruncated,
};

/** Every 5 minutes: publishes records stored but not yet published, of every table. */
export const handler = middy<unknown, RepublishReport>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async () => {
    const report = await republishAll(deps, Object.values(stores));
    metrics.addMetric('PendingRecordsFound', MetricUnit.Count, report.found);
    metrics.addMetric('PendingRecordsRepublished', MetricUnit.Count, report.published);
    metrics.addMetric('PendingRecordsFailed', MetricUnit.Count, report.failed);
    metrics.addMetric('PendingRecordsParked', MetricUnit.Count, report.parked);
    metrics.addMetric('OldestPendingAgeSeconds', MetricUnit.Seconds, report.oldestPendingSeconds);
    if (report.found > 0) logger.info('republisher run', { ...report });
    return report;
  });
