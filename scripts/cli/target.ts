import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  createDynamoDbClient,
  createEventBridgeClient,
  type ClientOverrides,
} from '../../lib/aws/clients';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/settings';
import { CliError } from './errors';
import { localStateFile, readLocalState, type LocalStackState } from '../local/state';

/** The service's name in serverless.yml (`service:`); a test keeps the two the same. */
export const SERVICE_NAME = 'tencent-css-recordings';
/** The stage `npm run deploy` deploys when given none. */
export const DEFAULT_STAGE = 'dev';
export const DEFAULT_REGION = 'us-east-1';

/** `--stage` and `--region`, for every command that works on a deployment (see resolveTarget). */
export const TARGET_OPTIONS = {
  stage: {
    type: 'string',
    value: 'S',
    help: 'the deployed stage (default: the running local stack, else dev)',
  },
  region: {
    type: 'string',
    value: 'R',
    help: 'its AWS region (default: AWS_REGION, else us-east-1)',
  },
} as const;

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
 * Where the target's AWS calls go: the local stack's servers with its dummy credentials, or AWS in
 * the target's region with the shell's credentials (the SDK's default chain: variables, profiles,
 * SSO, ...).
 */
function connectionTo(target: Target, service: 'dynamoDb' | 'eventBridge'): ClientOverrides {
  if (target.local === undefined) return { region: target.region };
  const endpoint = target.local.urls[service];
  return { ...(endpoint && { endpoint }), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
}

/** The functions' table client (and budget), for the target. */
export function tableClientFor(target: Target): DynamoDBClient {
  return createDynamoDbClient(connectionTo(target, 'dynamoDb'));
}

/** The functions' bus client (and budget), for the target. */
export function busClientFor(target: Target): EventBridgeClient {
  return createEventBridgeClient(connectionTo(target, 'eventBridge'));
}
