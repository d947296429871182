import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { DynamoDbRecordingStore } from '../lib/adapters/dynamodb-recording-store';
import { EventBridgeEventPublisher } from '../lib/adapters/eventbridge-event-publisher';
import { loadConfig } from '../lib/config';
import { republishPending, type RepublishReport } from '../lib/republish-pending';

const config = loadConfig();
const logger = new Logger({ serviceName: 'tencent-css-republish' });
const metrics = new Metrics({
  namespace: 'TencentCssRecordings',
  serviceName: 'tencent-css-republish',
});
const deps = {
  store: new DynamoDbRecordingStore(config.tableName),
  publisher: new EventBridgeEventPublisher(config.eventBusName),
  log: logger,
};

/** Every 5 minutes: publishes records stored but not yet published. */
export const handler = middy<unknown, RepublishReport>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async () => {
    const report = await republishPending(deps);
    metrics.addMetric('PendingRecordsFound', MetricUnit.Count, report.found);
    metrics.addMetric('PendingRecordsRepublished', MetricUnit.Count, report.published);
    metrics.addMetric('PendingRecordsFailed', MetricUnit.Count, report.failed);
    metrics.addMetric('OldestPendingAgeSeconds', MetricUnit.Seconds, report.oldestPendingSeconds);
    if (report.found > 0) logger.info('republisher run', { ...report });
    return report;
  });
