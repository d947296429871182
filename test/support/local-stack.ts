import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveServiceConfig, type ServiceConfig } from '../../scripts/local/service-config';
import { SDK_NODE_WARNING_SWITCH } from '../../scripts/cli/node-version';
import { LOCAL_STAGE, serverlessParams, type PortName } from '../../scripts/local/settings';
import type { PutEventsEntry } from '../../fakes/eventbridge';
import { tapEventBridge, type EventTap } from './event-tap';
import { PROJECT_DIR } from './project';
import {
  freeStackPorts,
  portEnvironment,
  startStackProcess,
  type StackProcess,
} from './local-stack-process';

export interface LocalStack {
  /** Where `npm start` runs: the project, or the scratch copy `project` made. */
  projectDir: string;
  ports: Record<PortName, number>;
  /** Where this stack's dynalite keeps its data (a fresh directory, removed after). */
  dataDir: string;
  /** Where this stack's local S3 keeps its objects (`<dataDir>-s3`, removed after). */
  s3Dir: string;
  env: NodeJS.ProcessEnv;
  stack: StackProcess | undefined;
  /** serverless.yml as resolved for the local stage. */
  config: ServiceConfig;
  /** Every PutEvents entry the local EventBridge receives; undefined once a test closed it. */
  tap: EventTap | undefined;
}

/**
 * `npm start` on free ports with its own data directory and callback key, for an e2e test file:
 * started before its tests, and stopped after them whatever happened, its whole process group
 * killed if it does not stop, so nothing it started outlives the file.
 */
export function useLocalStack(
  callbackKey: string,
  {
    project,
    archive = false,
  }: {
    /** Makes a scratch copy of the project to start instead (removed after). */
    project?: () => Promise<string>;
    /**
     * Runs the archive function (`LOCAL_ARCHIVE`). Off by default: it would fetch the
     * `video_url` of every recording a test sends, and the fixtures' point at Tencent's hosts.
     */
    archive?: boolean;
  } = {},
): LocalStack {
  const local = { stack: undefined, tap: undefined, projectDir: PROJECT_DIR } as LocalStack;
  beforeAll(async () => {
    if (project) local.projectDir = await project();
    local.ports = await freeStackPorts();
    local.dataDir = await mkdtemp(join(tmpdir(), 'local-stack-e2e-'));
    local.s3Dir = `${local.dataDir}-s3`;
    local.env = {
      ...process.env,
      ...portEnvironment(local.ports),
      CALLBACK_KEY: callbackKey,
      LOCAL_DATA_DIR: local.dataDir,
      LOCAL_S3_DIR: local.s3Dir,
      LOCAL_ARCHIVE: archive ? 'on' : 'off',
      LOCAL_STATE_FILE: `${local.dataDir}-stack.json`,
    };
    // As from a user's shell: `npm test` sets the SDK's switch, `npm start` must set it itself.
    delete local.env[SDK_NODE_WARNING_SWITCH];
    local.stack = startStackProcess(local.env, local.projectDir);
    [local.config] = await Promise.all([
      resolveServiceConfig(LOCAL_STAGE, local.env, local.projectDir, serverlessParams({ archive })),
      local.stack.waitForOutput('Local stack ready', 150_000),
    ]);
    local.tap = await tapEventBridge(
      local.ports.eventBridgeMqtt,
      `http://127.0.0.1:${local.ports.eventBridge}`,
    );
  }, 180_000);

  afterAll(async () => {
    try {
      await local.tap?.close();
      await local.stack?.stop();
    } finally {
      local.stack?.kill();
      if (local.dataDir) {
        await rm(local.dataDir, { recursive: true, force: true });
        await rm(`${local.dataDir}-stack.json`, { force: true });
        await rm(local.s3Dir, { recursive: true, force: true });
      }
      // A scratch copy: its links into the project are removed, never followed.
      if (local.projectDir !== PROJECT_DIR) {
        await rm(local.projectDir, { recursive: true, force: true });
      }
    }
  }, 60_000);
  return local;
}

/** What the e2e tests read of a published event's detail. */
export interface TappedDetail {
  id?: string;
  version?: number;
  stream_id?: string;
}

export function detailOf(entry: PutEventsEntry): TappedDetail {
  return JSON.parse(entry.Detail ?? '{}') as TappedDetail;
}

/** The PutEvents entries of the events of `stream` the stack's bus has received so far. */
export function entriesOfStream(local: LocalStack, stream: string): PutEventsEntry[] {
  return (local.tap?.entries ?? []).filter((entry) => detailOf(entry).stream_id === stream);
}

/** The example subscriber's lines about the recordings whose id starts with `idPrefix`. */
export function subscriberLines(local: LocalStack, idPrefix: string): string[] {
  return (local.stack?.stdout() ?? '')
    .split('\n')
    .filter((line) => line.startsWith(`Recording ${idPrefix}`));
}
