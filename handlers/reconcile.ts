import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { createDynamoDbClient, createEventBridgeClient } from '../lib/aws/clients';
import type { Context } from 'aws-lambda';
import { DynamoDbCheckpointStore } from '../lib/aws/dynamodb-checkpoint-store';
import { EventBridgeEventPublisher } from '../lib/aws/eventbridge-event-publisher';
import { ssmParameterReader } from '../lib/aws/ssm-parameter-reader';
import { serviceTablesWithListings } from '../lib/aws/tables';
import { loadReconcileConfig } from '../lib/config';
import { reconcile } from '../lib/reconcile/reconcile';
import type { ReconcileReport } from '../lib/reconcile/report';
import { scheduledWindow } from '../lib/reconcile/window';
import {
  credentialsFromParameter,
  parameterCredentialNames,
  SlidingWindowLimiter,
  TencentCloudLiveApi,
} from '../lib/tencent';
import { countReconciliation } from './middleware/reconcile-metrics';

// Service name and metrics namespace come from POWERTOOLS_* variables set in serverless.yml.
const config = loadReconcileConfig();
const parameter = config.tencentCredentialsParameter;
const logger = new Logger();
const metrics = new Metrics();
// A scheduled run, off the callback's path: each AWS call is a subsegment of its X-Ray trace.
const tracer = new Tracer();
const dynamoDb = tracer.captureAWSv3Client(createDynamoDbClient());
const tables = serviceTablesWithListings(config, dynamoDb);
const publisher = new EventBridgeEventPublisher(
  config.eventBusName,
  tracer.captureAWSv3Client(createEventBridgeClient()),
);
const checkpoints = new DynamoDbCheckpointStore(config.eventsTableName, dynamoDb);
const readParameter = ssmParameterReader();
// For the container, not the run: Tencent's quota counts real seconds, across warm invocations too.
const rateLimiter = new SlidingWindowLimiter({
  requestsPerSecond: config.tencentRequestsPerSecond,
});
let saidOff = false;
const SCHEDULED = 'scheduled';

/** Hourly: brings the tables in line with Tencent's callback history (see docs/recovery.md). */
export const handler = middy<unknown, ReconcileReport | { off: true }>()
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (_event, context: Context) => {
    const credentials = await credentialsFromParameter(readParameter, parameter);
    if (credentials === undefined || parameter === undefined) {
      if (!saidOff) logger.warn(OFF, { parameter });
      saidOff = true;
      return { off: true };
    }
    const usage = { apiCalls: 0, throttled: 0 };
    const tencent = new TencentCloudLiveApi({
      credentials,
      rateLimiter,
      credentialNames: parameterCredentialNames(parameter),
      observer: { requested: () => usage.apiCalls++, throttled: () => usage.throttled++ },
    });
    const { window, earliest } = scheduledWindow(
      await checkpoints.lastCompleted(SCHEDULED),
      new Date(),
      config.lookbackHours,
    );
    const report = await reconcile(
      {
        ...tables,
        publisher,
        log: logger,
        checkpoints,
        tencent,
        usage,
        now: () => new Date(),
        timeLeftMs: () => context.getRemainingTimeInMillis(),
      },
      { job: SCHEDULED, window, earliest, unverifiedAfterHours: config.unverifiedAfterHours },
    );
    countReconciliation(metrics, report);
    logger.info('reconciliation run', { ...report });
    return report;
  });

const OFF =
  'reconciliation is off: no Tencent credentials are configured; store a Tencent API key in the SSM parameter named by TENCENT_CREDENTIALS_PARAMETER (see docs/recovery.md)';
