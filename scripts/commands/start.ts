// `npm start`: the whole service on this machine. Ctrl-C stops all of it.
// If whoever started this process dies without stopping it, it stops itself (no orphans).
import '../local/exit-with-parent.js';
import { defineCommand, runMain } from '../cli/command';
import { runLocalStack } from '../local/run-stack';
import { LOCAL_CALLBACK_KEY, LOCAL_PORTS } from '../local/settings';

const ports = Object.values(LOCAL_PORTS)
  .map(({ variable, fallback, serves }) => `  ${`${variable} (${fallback})`.padEnd(36)}${serves}`)
  .join('\n');

export const startCommand = defineCommand({
  summary: `Runs the whole service on this machine, on loopback: DynamoDB (dynalite) with the tables
of serverless.yml, its console, the local Tencent, a local S3 the archive copies recordings into,
and the handlers with serverless offline and a local EventBridge. Ctrl-C stops all of it.`,
  usage: ['npm start'],
  options: {},
  notes: `Set with environment variables (defaults in parentheses):
${ports}
  ${'CALLBACK_KEY'.padEnd(36)}the callback's keys, comma-separated (${LOCAL_CALLBACK_KEY})
  ${'LOCAL_DATA_DIR (.local/dynamodb)'.padEnd(36)}where DynamoDB keeps the tables across restarts
  ${'LOCAL_S3_DIR (.local/s3)'.padEnd(36)}where the local S3 keeps the archived recordings
  ${'LOCAL_ARCHIVE (on)'.padEnd(36)}off: no archive function (the local S3 still runs)
  ${'LOCAL_LOGS (short)'.padEnd(36)}short: a line per log record; raw: as deployed`,
  run: (_line, io) => runLocalStack(io),
});

if (require.main === module) runMain(startCommand);
