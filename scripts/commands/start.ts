// `npm start`: the whole service on this machine. Ctrl-C stops all of it.
// If whoever started this process dies without stopping it, it stops itself (no orphans).
import '../local/exit-with-parent.js';
import { relative } from 'node:path';
import { replaceSdkNodeWarning } from '../cli/node-version';
import { PROJECT_DIR } from '../local/service-config';
import {
  readLocalSettings,
  LOCAL_PORTS,
  LOCAL_TENCENT_CREDENTIALS,
  type LocalSettings,
} from '../local/settings';
import { startLocalStack, type LocalStack } from '../local/stack';
import { removeLocalState, writeLocalState } from '../local/state';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

async function main(): Promise<number> {
  const settings = readLocalSettings();
  const interrupted = new AbortController();
  for (const signal of STOP_SIGNALS) process.on(signal, () => interrupted.abort());

  // Before any AWS SDK client exists, here or in the processes started below (they inherit it).
  const notice = replaceSdkNodeWarning();
  if (notice) console.log(notice);
  console.log(
    'Starting the local stack: DynamoDB, its console, the local Tencent, then serverless offline...',
  );
  let stack: LocalStack;
  try {
    stack = await startLocalStack(settings, { signal: interrupted.signal });
  } catch (error) {
    if (interrupted.signal.aborted) {
      console.log('Interrupted; everything that had started is stopped.');
      return 0;
    }
    console.error(`\nThe local stack did not start.\n${describe(error)}`);
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
  });
  console.log(banner(stack, settings));

  const crashed = await Promise.race([
    new Promise<false>((resolve) =>
      interrupted.signal.addEventListener('abort', () => resolve(false), { once: true }),
    ),
    stack.offlineExited.then(({ code, signal }) => {
      if (interrupted.signal.aborted) return false;
      console.error(`\nserverless offline stopped (${signal ?? `exit code ${code}`}).`);
      return true;
    }),
  ]);
  console.log('\nStopping the local stack...');
  await removeLocalState();
  await stack.stop();
  console.log('Stopped.');
  return crashed ? 1 : 0;
}

function banner(stack: LocalStack, settings: LocalSettings): string {
  const { urls } = stack;
  const dataDir = relative(PROJECT_DIR, settings.dataDir) || settings.dataDir;
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(describe(error));
    process.exit(1);
  },
);
