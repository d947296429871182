import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { DynamoDbCheckpointStore } from '../lib/aws/dynamodb-checkpoint-store';
import { EventBridgeEventPublisher } from '../lib/aws/eventbridge-event-publisher';
import { ssmParameterReader } from '../lib/aws/ssm-parameter-reader';
import { serviceTables } from '../lib/aws/tables';
import { loadReconcileConfig } from '../lib/config';
import { reconcile, type ReconcileDeps } from '../lib/reconcile/reconcile';
import type { ReconcileReport } from '../lib/reconcile/report';
import {
  parameterCredentialNames,
  parseTencentCredentials,
  TencentCloudLiveApi,
  TokenBucket,
} from '../lib/tencent';

// Service name and metrics namespace come from POWERTOOLS_* variables set in serverless.yml.
const config = loadReconcileConfig();
const logger = new Logger();
const metrics = new Metrics();
const tables = serviceTables(config);
const publisher = new EventBridgeEventPublisher(config.eventBusName);
const readParameter = ssmParameterReader();
let offLogged = false;

/** The metric each count of a run is published as; the alarms in serverless.yml watch some. */
const METRICS = {
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

/** Hourly: brings the tables in line with Tencent's callback history (see docs/recovery.md). */
export const handler = middy<unknown, ReconcileReport | { off: true }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (_event, context: Context) => {
    const credentials = await tencentCredentials();
    if (credentials === undefined) return { off: true };
    const usage = { apiCalls: 0, throttled: 0 };
    const deps: ReconcileDeps = {
      ...tables,
      publisher,
      log: logger,
      checkpoints: new DynamoDbCheckpointStore(config.eventsTableName),
      tencent: new TencentCloudLiveApi({
        credentials,
        // One bucket for the run: Tencent allows 20 requests a second.
        rateLimiter: new TokenBucket(),
        credentialNames: parameterCredentialNames(config.tencentCredentialsParameter ?? ''),
        observer: {
          requested: () => usage.apiCalls++,
          throttled: () => usage.throttled++,
        },
      }),
      usage,
      now: () => new Date(),
      timeLeftMs: () => context.getRemainingTimeInMillis(),
    };
    const now = deps.now();
    const report = await reconcile(deps, {
      job: 'scheduled',
      window: { start: new Date(now.getTime() - config.lookbackHours * 3_600_000), end: now },
      unverifiedAfterHours: config.unverifiedAfterHours,
    });
    for (const [name, metric] of Object.entries(METRICS)) {
      metrics.addMetric(metric, MetricUnit.Count, report[name as keyof typeof METRICS]);
    }
    logger.info('reconciliation run', { ...report });
    return report;
  });

/**
 * Tencent's API key from its SSM parameter, or undefined when none is configured: deploying
 * without Tencent credentials works, and reconciliation is simply off (said once a container).
 */
async function tencentCredentials() {
  const parameter = config.tencentCredentialsParameter;
  const value = parameter === undefined ? undefined : await readOrUndefined(parameter);
  if (parameter === undefined || value === undefined) {
    if (!offLogged) {
      logger.warn(
        'reconciliation is off: no Tencent credentials are configured; store a Tencent API key in the SSM parameter named by TENCENT_CREDENTIALS_PARAMETER (see docs/recovery.md)',
        { parameter },
      );
      offLogged = true;
    }
    return undefined;
  }
  return parseTencentCredentials(value, parameter);
}

async function readOrUndefined(parameter: string): Promise<string | undefined> {
  try {
    return await readParameter(parameter);
  } catch (error) {
    if ((error as { name?: unknown }).name === 'ParameterNotFound') return undefined;
    throw error;
  }
}
