import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsJsonClient } from '../../lib/aws/aws-json-client';
import { createDynamoDbJsonClient } from '../../lib/aws/dynamodb-json';
import { createEventBridgeJsonClient } from '../../lib/aws/eventbridge-put-events';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/servers';
import { localStateFile, readLocalState, type LocalStackState } from '../local/state';

/** The service's name in serverless.yml (`service:`); a test keeps the two the same. */
export const SERVICE_NAME = 'tencent-css-recordings';
/** The stage `npm run deploy` deploys when given none. */
export const DEFAULT_STAGE = 'dev';
export const DEFAULT_REGION = 'us-east-1';

/** Which deployment (or the local stack) a command of the project works on. */
export interface Target {
  stage: string;
  region: string;
  /** The stack `npm start` runs on this machine, if that is the target. */
  local?: LocalStackState;
  tableName: string;
  eventsTableName: string;
  eventBusName: string;
  /** For people: `stage prod in eu-west-1`, `the local stack (npm start)`. */
  description: string;
}

/** A mistake of the person running a command: shown as one line, without a stack trace. */
export class CliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
  }
}

/**
 * The target of a command: `--stage local` or, with no `--stage`, a running `npm start` is the
 * local stack; otherwise the deployed stage (`dev` when none is given, as `npm run deploy`).
 */
export async function resolveTarget(
  options: { stage?: string; region?: string },
  env: Record<string, string | undefined> = process.env,
): Promise<Target> {
  const running = await readLocalState(localStateFile(env));
  const stage = options.stage ?? running?.stage ?? DEFAULT_STAGE;
  if (running !== undefined && stage === running.stage) {
    return {
      stage,
      region: LOCAL_REGION,
      local: running,
      tableName: running.tableName,
      eventsTableName: running.eventsTableName,
      eventBusName: running.eventBusName,
      description: 'the local stack (npm start)',
    };
  }
  if (stage === 'local') {
    throw new CliError('The local stack is not running: start it with `npm start` first.');
  }
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? DEFAULT_REGION;
  return {
    stage,
    region,
    tableName: `${SERVICE_NAME}-${stage}-recordings`,
    eventsTableName: `${SERVICE_NAME}-${stage}-events`,
    eventBusName: `${SERVICE_NAME}-${stage}`,
    description: `stage ${stage} in ${region}`,
  };
}

/**
 * The service's own table client (the functions' request path) for the target: the local
 * DynamoDB, or AWS with the shell's credentials (profiles, SSO, ...: the SDK's default chain).
 */
export function tableClientFor(target: Target): AwsJsonClient {
  if (target.local !== undefined) {
    return createDynamoDbJsonClient({
      endpoint: target.local.urls.dynamoDb,
      region: LOCAL_REGION,
      credentials: () => LOCAL_CREDENTIALS,
    });
  }
  return createDynamoDbJsonClient({ region: target.region, credentials: defaultProvider() });
}

/** The service's bus client for the target: the local EventBridge, or AWS with the shell's credentials. */
export function busClientFor(target: Target): AwsJsonClient {
  if (target.local !== undefined) {
    return createEventBridgeJsonClient({
      endpoint: target.local.urls.eventBridge,
      region: LOCAL_REGION,
      credentials: () => LOCAL_CREDENTIALS,
    });
  }
  return createEventBridgeJsonClient({ region: target.region, credentials: defaultProvider() });
}
