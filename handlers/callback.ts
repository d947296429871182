import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { EventBridgeEventPublisher } from '../lib/aws/eventbridge-event-publisher';
import { ssmParameterReader } from '../lib/aws/ssm-parameter-reader';
import { serviceTables } from '../lib/aws/tables';
import { callbackKeyProvider, KEY_CACHE_SECONDS } from '../lib/callback/keys';
import { createCallbackService } from '../lib/callback/service';
import { loadConfig } from '../lib/config';
import { answerErrors } from './middleware/answer-errors';
import { countFailure, countResult } from './middleware/callback-metrics';
import { ACCEPTED } from './middleware/json-answer';

const config = loadConfig();
// Service name and metrics namespace come from POWERTOOLS_* variables set in serverless.yml.
const logger = new Logger();
const metrics = new Metrics();
const handleCallback = createCallbackService({
  keys: callbackKeyProvider(config, ssmParameterReader({ maxAgeSeconds: KEY_CACHE_SECONDS })),
  ...serviceTables(config),
  publisher: new EventBridgeEventPublisher(config.eventBusName),
  log: logger,
  clockSkewSeconds: config.clockSkewSeconds,
  maxLookaheadSeconds: config.maxLookaheadSeconds,
});

/** `POST /callback`: Tencent CSS callbacks, answered as in the README's HTTP contract. */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .use(answerErrors(logger, (statusCode, reason) => countFailure(metrics, statusCode, reason)))
  .handler(async (event) => {
    const result = await handleCallback({
      body: event.body,
      isBase64Encoded: event.isBase64Encoded,
    });
    countResult(metrics, result);
    const { kind, outcome, version, published } = result;
    logger.info(`${kind} ${outcome}`, { version, published });
    return ACCEPTED;
  });
