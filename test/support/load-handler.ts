import type { HttpHandler } from '../../fakes/http-api-event';
import { FAKE_AWS_CREDENTIALS } from '../../fakes/credentials';
import { eventsTableOf } from './local-dynamodb';

export interface ServiceEnvironment {
  tableName: string;
  /** Default: the events table `createTestTable` made beside `tableName`. */
  eventsTableName?: string;
  eventBusName?: string;
  dynamoDbEndpoint: string;
  eventBridgeEndpoint: string;
  /** Comma-separated keys; `undefined` leaves the service without a key. */
  callbackKey?: string;
  extra?: Record<string, string>;
}

export const TEST_BUS = 'tencent-css-recordings-test';
export const TEST_KEY = 'TestCallbackKey0123456789';

/**
 * Sets the environment exactly as serverless.yml and the local stack do, then loads a fresh copy
 * of a handler module: configuration is read once at module load, as in Lambda.
 */
export async function loadHandler<T = HttpHandler>(
  modulePath: string,
  env: ServiceEnvironment,
): Promise<T> {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: env.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: env.eventBridgeEndpoint,
    TABLE_NAME: env.tableName,
    EVENTS_TABLE_NAME: env.eventsTableName ?? eventsTableOf(env.tableName),
    EVENT_BUS_NAME: env.eventBusName ?? TEST_BUS,
    POWERTOOLS_SERVICE_NAME: 'tencent-css-recordings-test',
    POWERTOOLS_METRICS_NAMESPACE: 'TencentCssRecordings',
    ...env.extra,
  });
  if (env.callbackKey === undefined) delete process.env.CALLBACK_KEY;
  else process.env.CALLBACK_KEY = env.callbackKey;

  let handler: T | undefined;
  await jest.isolateModulesAsync(async () => {
    const module = (await import(modulePath)) as { handler: T };
    handler = module.handler;
  });
  return handler as T;
}
