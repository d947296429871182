/**
 * The measured cold start: a fresh `node` runs this (pre-built to plain CommonJS by
 * bench/measure.ts, so no TypeScript loader is in the timed process), loads the handler extracted
 * from the packaged artifact, serves one invocation, tells the parent it has the answer (one byte
 * on file descriptor 3: the parent's clock stops there for "time to the response") and exits.
 *
 * argv: `http` or `schedule`, the handler module path, its export, then the input: the callback's
 * body (signed by the parent, which keeps the driver to a `require`, two small object literals
 * and one call), or for a scheduled run the number of records it must publish.
 *
 * Environment read here, never by the handler: `BENCH_CA_FILE`, the root of the bench endpoints'
 * certificates (bench/trust-certificate.ts); `BENCH_CODE_CACHE`, a V8 code cache to load the
 * handler with (`BENCH_CODE_CACHE_BUILD=1`: make it instead, after the answer).
 */
import { readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Script } from 'node:vm';
import { httpApiEvent, lambdaContext, type HttpHandler } from '../../fakes/http-api-event';
import { trustCertificate } from '../trust-certificate';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const [mode = 'http', handlerPath = '', exportName = 'handler', input = ''] = process.argv.slice(2);
const fail = (message: string, code = 1): never => {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
};

const caFile = process.env.BENCH_CA_FILE;
if (caFile) trustCertificate(readFileSync(caFile, 'utf8'));

const cacheFile = process.env.BENCH_CODE_CACHE;
const buildCache = process.env.BENCH_CODE_CACHE_BUILD === '1';
// `require`, as the Lambda Node.js runtime loads a CommonJS handler: `import()` would add the ES
// module loader and a scan of the bundle's exports to the measurement.
const loaded: { exports: Record<string, unknown>; script?: Script } = cacheFile
  ? loadWithCodeCache(handlerPath, cacheFile, buildCache)
  : { exports: createRequire(__filename)(handlerPath) as Record<string, unknown> };
const handler = loaded.exports[exportName] as Handler | undefined;
if (!handler) fail(`${handlerPath} has no export ${exportName}`, 2);

const invocation =
  mode === 'schedule'
    ? handler!(scheduledEvent(), lambdaContext('republish')).then((report) => {
        const { published, failed, found } = report as Record<string, number>;
        if (published !== Number(input) || failed !== 0) {
          fail(`expected ${input} published, got ${JSON.stringify(report)} (found ${found})`);
        }
      })
    : (handler as HttpHandler)(httpApiEvent(input), lambdaContext()).then((answer) => {
        if (answer.statusCode !== 200) {
          fail(`expected 200, got ${answer.statusCode}: ${String(answer.body)}`);
        }
      });

invocation.then(
  () => {
    writeSync(3, 'answered\n');
    if (buildCache && cacheFile && loaded.script) {
      writeFileSync(cacheFile, loaded.script.createCachedData());
    }
    process.exit(0);
  },
  (error: unknown) => fail(`the handler threw: ${String(error)}`),
);

/** The event EventBridge Scheduler's `rate(5 minutes)` rule sends. */
function scheduledEvent() {
  return {
    version: '0',
    id: 'bench-schedule',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:123456789012:rule/bench'],
    detail: {},
  };
}

/**
 * Loads a CommonJS module as the `v8-compile-cache` approach does: its source wrapped as Node
 * wraps it, compiled by `vm.Script` with V8's code cache, run, then called as a module. A cache
 * V8 rejects (another V8 version, other flags, another source) is an error here, not a silent
 * slow start: what this measures is the cache's gain when it is accepted.
 */
function loadWithCodeCache(path: string, cache: string, build: boolean) {
  const require = createRequire(path);
  // Required here, not imported: the plain runs never load them.
  const vm = require('node:vm') as { Script: typeof Script };
  const { wrap } = require('node:module') as { wrap: (source: string) => string };
  const cachedData = build ? undefined : readFileSync(cache);
  const script = new vm.Script(wrap(readFileSync(path, 'utf8')), { filename: path, cachedData });
  if (cachedData && script.cachedDataRejected) fail(`V8 rejected the code cache ${cache}`, 3);
  const module = { exports: {} as Record<string, unknown> };
  const load = script.runInThisContext() as (...args: unknown[]) => void;
  load.call(module.exports, module.exports, require, module, path, path.replace(/\/[^/]*$/, ''));
  return { exports: module.exports, script };
}
