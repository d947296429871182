import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { createDynamoDbClient, createEventBridgeClient } from '../lib/aws/clients';
import { EventBridgeEventPublisher } from '../lib/aws/eventbridge-event-publisher';
import { serviceTablesWithListings } from '../lib/aws/tables';
import { loadConfig } from '../lib/config';
import { keptWhenTruncated } from '../lib/events/registry';
import METRICS from '../lib/metrics.json';
import { republishAll, type RepublishReport } from '../lib/outbox/republish';

// Service name and metrics namespace come from POWERTOOLS_* variables set in serverless.yml.
const config = loadConfig();
const logger = new Logger();
const metrics = new Metrics();
// Off the callback's path, a scheduled run can afford the X-Ray SDK: each AWS call is a
// subsegment of the run's trace (docs/operations.md, Observability, says what it costs).
const tracer = new Tracer();
const { stores } = serviceTablesWithListings(
  config,
  tracer.captureAWSv3Client(createDynamoDbClient()),
);
const deps = {
  publisher: new EventBridgeEventPublisher(
    config.eventBusName,
    tracer.captureAWSv3Client(createEventBridgeClient()),
  ),
  log: logger,
  keptWhenTruncated,
};

/** Every 5 minutes: publishes records stored but not yet published, of every table. */
export const handler = middy<unknown, RepublishReport>()
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async () => {
    const report = await republishAll(deps, Object.values(stores));
    const name = METRICS.republish;
    metrics.addMetric(name.found, MetricUnit.Count, report.found);
    metrics.addMetric(name.published, MetricUnit.Count, report.published);
    metrics.addMetric(name.failed, MetricUnit.Count, report.failed);
    metrics.addMetric(name.parked, MetricUnit.Count, report.parked);
    metrics.addMetric(name.oldestPendingSeconds, MetricUnit.Seconds, report.oldestPendingSeconds);
    if (report.found > 0) logger.info('republisher run', { ...report });
    return report;
  });
