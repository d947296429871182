import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PROJECT_DIR } from './service-config';

/**
 * What a running `npm start` tells the project's other commands (`npm run republish`,
 * `npm run tencent`, ...): which stack runs and where, so they can talk to it without options.
 * Written once the stack is ready, removed when it stops; a stale file (its process gone) is
 * ignored.
 */
export interface LocalStackState {
  pid: number;
  stage: string;
  tableName: string;
  eventsTableName: string;
  eventBusName: string;
  urls: Record<string, string>;
  /**
   * The local Tencent and the throw-away API key it accepts (absent in files written before it
   * existed).
   */
  tencent?: { url: string; secretId: string; secretKey: string };
  /** The callback keys the local handlers accept (`CALLBACK_KEY`, split), the newest last. */
  callbackKeys?: string[];
  /**
   * The local S3 the archive copies recordings into: its endpoint URL and the archive's bucket.
   * Absent when the local stack has no archive (or was started before it could have one).
   */
  archive?: { bucket: string; s3Url: string };
}

/** `LOCAL_STATE_FILE` moves it (the tests run stacks of their own beside yours). */
export function localStateFile(env: Record<string, string | undefined> = process.env): string {
  return env.LOCAL_STATE_FILE ?? join(PROJECT_DIR, '.local', 'stack.json');
}

export const LOCAL_STATE_FILE = localStateFile();

export async function writeLocalState(
  state: LocalStackState,
  file = LOCAL_STATE_FILE,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // It holds the local keys: readable by you alone, like ~/.aws/credentials.
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // a file left by an older version keeps its mode otherwise
}

export async function removeLocalState(file = LOCAL_STATE_FILE): Promise<void> {
  await rm(file, { force: true });
}

/** The running local stack, or undefined when none runs. */
export async function readLocalState(
  file = LOCAL_STATE_FILE,
): Promise<LocalStackState | undefined> {
  let state: LocalStackState;
  try {
    state = JSON.parse(await readFile(file, 'utf8')) as LocalStackState;
  } catch {
    return undefined;
  }
  return isRunning(state.pid) ? state : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
