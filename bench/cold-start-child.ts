/**
 * The measured cold start: a fresh `node` runs this (pre-built to plain CommonJS by
 * bench/measure.ts, so no TypeScript loader is in the timed process), loads the handler extracted
 * from the packaged artifact, serves one signed callback and exits.
 *
 * argv: handler module path, export name, callback body (signed by the parent, which keeps the
 * driver to a `require`, two small object literals and one call).
 */
import { createRequire } from 'node:module';
import { httpApiEvent, lambdaContext, type HttpHandler } from '../test/support/http-api-event';

const [handlerPath = '', exportName = 'handler', body] = process.argv.slice(2);
// `require`, as the Lambda Node.js runtime loads a CommonJS handler: `import()` would add the ES
// module loader and a scan of the bundle's exports to the measurement.
const handler = (createRequire(__filename)(handlerPath) as Record<string, HttpHandler>)[exportName];

if (!handler) {
  process.stderr.write(`bench: ${handlerPath} has no export ${exportName}\n`);
  process.exit(2);
}

handler(httpApiEvent(body), lambdaContext()).then(
  (answer) => {
    if (answer.statusCode === 200) process.exit(0);
    process.stderr.write(`bench: expected 200, got ${answer.statusCode}: ${answer.body}\n`);
    process.exit(1);
  },
  (error: unknown) => {
    process.stderr.write(`bench: the handler threw: ${String(error)}\n`);
    process.exit(1);
  },
);
