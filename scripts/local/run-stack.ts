import { relative } from 'node:path';
import { CliError } from '../cli/errors';
import type { CliIo } from '../cli/io';
import { replaceSdkNodeWarning } from '../cli/node-version';
import { PROJECT_DIR } from './service-config';
import {
  readLocalSettings,
  LOCAL_ARCHIVE,
  LOCAL_PORTS,
  LOCAL_TENCENT_CREDENTIALS,
  type LocalSettings,
} from './settings';
import { startLocalStack, type LocalStack } from './stack';
import { removeLocalState, writeLocalState } from './state';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * `npm start`: starts the local stack, prints where everything is, and runs until Ctrl-C (or a
 * signal), then stops all of it; 1 when it could not start or serverless offline stopped on its
 * own. What it prints goes to `io`; the servers' own lines to the terminal.
 */
export async function runLocalStack(io: CliIo): Promise<number> {
  let settings: LocalSettings;
  try {
    settings = readLocalSettings(io.env);
  } catch (error) {
    throw new CliError((error as Error).message, { cause: error });
  }
  const interrupted = new AbortController();
  for (const signal of STOP_SIGNALS) process.on(signal, () => interrupted.abort());

  // Before any AWS SDK client exists, here or in the processes started below (they inherit it).
  const notice = replaceSdkNodeWarning();
  if (notice) io.out(notice);
  io.out(
    'Starting the local stack: DynamoDB, its console, the local Tencent, a local S3, then serverless offline...',
  );
  let stack: LocalStack;
  try {
    stack = await startLocalStack(settings, { signal: interrupted.signal });
  } catch (error) {
    if (interrupted.signal.aborted) {
      io.out('Interrupted; everything that had started is stopped.');
      return 0;
    }
    io.err(`\nThe local stack did not start.\n${describe(error)}`);
    return 1;
  }
  await writeLocalState({
    pid: process.pid,
    stage: stack.stage,
    tableName: stack.tableName,
    eventsTableName: stack.eventsTableName,
    eventBusName: stack.eventBusName,
    urls: stack.urls,
    tencent: { url: stack.urls.tencent, ...LOCAL_TENCENT_CREDENTIALS },
    callbackKeys: settings.callbackKey
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== ''),
    ...(stack.archive && { archive: stack.archive }),
  });
  io.out(banner(stack, settings));

  const crashed = await Promise.race([
    new Promise<false>((resolve) =>
      interrupted.signal.addEventListener('abort', () => resolve(false), { once: true }),
    ),
    stack.offlineExited.then(({ code, signal }) => {
      if (interrupted.signal.aborted) return false;
      io.err(`\nserverless offline stopped (${signal ?? `exit code ${code}`}).`);
      return true;
    }),
  ]);
  io.out('\nStopping the local stack...');
  await removeLocalState();
  await stack.stop();
  io.out('Stopped.');
  return crashed ? 1 : 0;
}

/** What `npm start` prints once everything answers. */
export function banner(stack: LocalStack, settings: LocalSettings): string {
  const { urls } = stack;
  const dataDir = shortPath(settings.dataDir);
  const key =
    settings.callbackKeySource === 'default'
      ? `${settings.callbackKey} (the local default; set CALLBACK_KEY to use another)`
      : 'from CALLBACK_KEY';
  return [
    '',
    `Local stack ready (stage "${stack.stage}"):`,
    `  Callback           POST ${urls.callback}`,
    `  DynamoDB           ${urls.dynamoDb}  tables ${stack.tableName}, ${stack.eventsTableName}; data in ${dataDir}/`,
    `  DynamoDB console   ${urls.console}`,
    `  EventBridge        ${urls.eventBridge}  bus ${stack.eventBusName} -> ${stack.subscribers.join(', ') || 'no subscriber'}`,
    `  Lambda invoke API  ${urls.lambda}`,
    `  Local Tencent      ${urls.tencent}  Tencent Cloud's CSS API: callback templates, history`,
    s3Line(stack, settings),
    `  Callback key       ${key}`,
    `  Tencent API key    SecretId ${LOCAL_TENCENT_CREDENTIALS.secretId}, SecretKey ${LOCAL_TENCENT_CREDENTIALS.secretKey} (the local Tencent's only)`,
    '',
    'In another terminal, bind a push domain to this stack in the local Tencent, then play a push',
    'session as Tencent would (signed callbacks, retries, history):',
    '  npm run tencent -- setup --domain push.example.com',
    '  npm run simulate -- --domain push.example.com --stream room-1',
    'Or send one signed callback:',
    `  ${exampleCommand(settings)}`,
    'Subscribers print here. Ctrl-C stops everything.',
    '',
  ].join('\n');
}

/** Where the archive's copies go, and where they are on disk. */
export function s3Line(
  stack: Pick<LocalStack, 'urls' | 'archive'>,
  settings: Pick<LocalSettings, 's3Dir'>,
): string {
  const s3Dir = shortPath(settings.s3Dir);
  const what = stack.archive
    ? `bucket ${stack.archive.bucket} <- archiveRecording; files in ${s3Dir}/${stack.archive.bucket}/`
    : `data in ${s3Dir}/; no archive function (${LOCAL_ARCHIVE.variable}=${LOCAL_ARCHIVE.off})`;
  return `  S3                 ${stack.urls.s3}  ${what}`;
}

/** Inside the project: relative to it; elsewhere, as is. */
function shortPath(path: string): string {
  const inside = relative(PROJECT_DIR, path);
  return inside === '' || inside.startsWith('..') ? path : inside;
}

/** The sender's defaults match the default stack; anything moved is spelled out. */
function exampleCommand(settings: LocalSettings): string {
  const options = [];
  if (settings.ports.http !== LOCAL_PORTS.http.fallback) {
    options.push(`--url http://localhost:${settings.ports.http}/callback`);
  }
  if (settings.callbackKeySource === 'CALLBACK_KEY') options.push('--key "$CALLBACK_KEY"');
  return options.length > 0 ? `npm run callback -- ${options.join(' ')}` : 'npm run callback';
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `\n  cause: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
