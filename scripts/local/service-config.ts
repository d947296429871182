import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

export const PROJECT_DIR = resolve(__dirname, '..', '..');
/** The `serverless` CLI (osls) of this project, run with this Node, never a global install. */
export const SERVERLESS_BIN = require.resolve('serverless/bin/serverless.js');

/** The slice of the resolved serverless.yml the local stack and its tests read. */
export interface ServiceConfig {
  service: string;
  provider: { stage: string; region: string; environment: Record<string, string> };
  functions: Record<
    string,
    {
      handler: string;
      environment?: Record<string, string>;
      events?: { eventBridge?: EventBridgeSubscription; httpApi?: unknown }[];
    }
  >;
  resources: {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  };
}

export interface EventBridgeSubscription {
  eventBus?: unknown;
  pattern?: Record<string, unknown>;
}

/**
 * serverless.yml as osls resolves it for `stage` (`serverless print`): the names the local stack
 * needs (table, bus) come from the one definition that is deployed, never from a copy.
 */
export async function resolveServiceConfig(
  stage: string,
  env: NodeJS.ProcessEnv = process.env,
  projectDir: string = PROJECT_DIR,
  /** `--param` options, as serverless offline is started with. */
  params: readonly string[] = [],
): Promise<ServiceConfig> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [SERVERLESS_BIN, 'print', '--stage', stage, ...params, '--format', 'json'],
    { cwd: projectDir, env, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as ServiceConfig;
}

export interface ServiceNames {
  /** The table the callback writes to and the bus it publishes on, as its environment names them. */
  tableName: string;
  eventsTableName: string;
  eventBusName: string;
  /** The functions subscribed to the bus by an `eventBridge` pattern. */
  subscribers: string[];
}

export function serviceNames(config: ServiceConfig): ServiceNames {
  const environment = { ...config.provider.environment, ...config.functions.callback?.environment };
  const {
    TABLE_NAME: tableName,
    EVENTS_TABLE_NAME: eventsTableName,
    EVENT_BUS_NAME: eventBusName,
  } = environment;
  if (!tableName || !eventsTableName || !eventBusName) {
    throw new Error(
      'serverless.yml gives the callback function no TABLE_NAME, EVENTS_TABLE_NAME or EVENT_BUS_NAME',
    );
  }
  const subscribers = Object.entries(config.functions)
    .filter(([, fn]) => fn.events?.some((event) => event.eventBridge?.pattern !== undefined))
    .map(([name]) => name);
  return { tableName, eventsTableName, eventBusName, subscribers };
}
