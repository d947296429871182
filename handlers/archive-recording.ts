import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { archiveRecording, type ArchiveResult } from '../lib/archive/archive-recording';
import { busEventSink } from '../lib/archive/archived-event';
import { hotlinkKeyFrom } from '../lib/archive/hotlink-key';
import { HttpRecordingSource } from '../lib/archive/http-source';
import { recordingKeyOf } from '../lib/archive/trigger';
import { createDynamoDbClient, createEventBridgeClient } from '../lib/aws/clients';
import { DynamoDbArchiveRecords } from '../lib/aws/dynamodb-archive-records';
import { EventBridgeEventPublisher } from '../lib/aws/eventbridge-event-publisher';
import { S3ArchiveObjects } from '../lib/aws/s3-archive-objects';
import { createS3Client } from '../lib/aws/s3-client';
import { ssmParameterReader } from '../lib/aws/ssm-parameter-reader';
import { recordingsTable } from '../lib/aws/tables';
import { loadArchiveConfig } from '../lib/config';
import { countArchiveResult } from './middleware/archive-metrics';

// Service name and metrics namespace come from POWERTOOLS_* variables set in serverless.yml.
const config = loadArchiveConfig();
const logger = new Logger();
const metrics = new Metrics();
// Off the callback's path: each AWS call (every part uploaded) is a subsegment of the trace.
const tracer = new Tracer();
const deps = {
  records: new DynamoDbArchiveRecords(
    recordingsTable(config.tableName),
    tracer.captureAWSv3Client(createDynamoDbClient()),
  ),
  objects: new S3ArchiveObjects(config.archiveBucket, tracer.captureAWSv3Client(createS3Client())),
  // The key is read at most every 5 minutes: a rotated key takes effect without a redeploy.
  source: new HttpRecordingSource({
    hotlinkKey: hotlinkKeyFrom(
      ssmParameterReader({ maxAgeSeconds: 300 }),
      config.vodHotlinkKeyParameter,
    ),
  }),
  events: busEventSink(
    new EventBridgeEventPublisher(
      config.eventBusName,
      tracer.captureAWSv3Client(createEventBridgeClient()),
    ),
  ),
  log: logger,
};

/**
 * Copies each new recording into the archive bucket (docs/archive.md). A failure throws: Lambda
 * retries the event twice, then sends it to the dead-letter queue; each retry resumes the copy.
 */
export const handler = middy<EventBridgeEvent<string, unknown>, ArchiveResult>()
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event, context: Context) => {
    const result = await archiveRecording(
      { ...deps, timeLeftMs: () => context.getRemainingTimeInMillis() },
      recordingKeyOf(event),
    );
    countArchiveResult(metrics, result);
    return result;
  });
