import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import middy from '@middy/core';
import { createDynamoDbClient, DynamoDbRecordStore } from '../lib/aws/dynamodb-record-store';
import { recordingsTable } from '../lib/aws/tables';
import { keptWhenTruncated } from '../lib/events/registry';
import {
  createEventBridgeClient,
  EventBridgeEventPublisher,
} from '../lib/aws/eventbridge-event-publisher';
import { loadConfig } from '../lib/config';
import { republishPending, type RepublishReport } from '../lib/outbox/republish';

// Service name and metrics namespace come from POWERTOOLS_* variables set in serverless.yml.
const config = loadConfig();
const logger = new Logger();
const metrics = new Metrics();
// Off the callback's hot path, so this function can afford the X-Ray SDK: AWS calls get subsegments.
const tracer = new Tracer();
const deps = {
  store: new DynamoDbRecordStore(
    recordingsTable(config.tableName),
    tracer.captureAWSv3Client(createDynamoDbClient()),
  ),
  publisher: new EventBridgeEventPublisher(config.eventBusName, () =>
    tracer.captureAWSv3Client(createEventBridgeClient(EventBridgeClient)),
  ),
  log: logger,
  keptWhenTruncated,
};

/** Every 5 minutes: publishes records stored but not yet published. */
export const handler = middy<unknown, RepublishReport>()
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async () => {
    const report = await republishPending(deps);
    metrics.addMetric('PendingRecordsFound', MetricUnit.Count, report.found);
    metrics.addMetric('PendingRecordsRepublished', MetricUnit.Count, report.published);
    metrics.addMetric('PendingRecordsFailed', MetricUnit.Count, report.failed);
    metrics.addMetric('PendingRecordsParked', MetricUnit.Count, report.parked);
    metrics.addMetric('OldestPendingAgeSeconds', MetricUnit.Seconds, report.oldestPendingSeconds);
    if (report.found > 0) logger.info('republisher run', { ...report });
    return report;
  });
