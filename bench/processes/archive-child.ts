/**
 * The measured process of `npm run bench:archive`: built to plain CommonJS (no TypeScript loader in
 * it), it loads the archive function from its packaged artifact, as Lambda does, serves one
 * `Recording File Created` (argv[3], JSON), and writes on file descriptor 3 what it measured: the
 * invocation's milliseconds and the process's peak resident memory (`maxRSS`).
 *
 * argv: the handler module's path, then the event.
 */
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

type Handler = (event: unknown, context: unknown) => Promise<{ outcome: string }>;

const [handlerPath = '', event = '{}'] = process.argv.slice(2);
const { handler } = createRequire(__filename)(handlerPath) as { handler: Handler };
const deadline = Date.now() + 900_000;
const context = {
  functionName: 'tencent-css-recordings-prod-archiveRecording',
  awsRequestId: 'bench-archive',
  getRemainingTimeInMillis: () => deadline - Date.now(),
};

const started = performance.now();
handler(JSON.parse(event), context).then(
  (result) => {
    const ms = performance.now() - started;
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    writeSync(3, `${JSON.stringify({ outcome: result.outcome, ms, peakRssBytes })}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`bench: the archive failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
