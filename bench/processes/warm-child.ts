/**
 * Warm latency: one process (pre-built to plain CommonJS by bench/measure.ts) loads the handler
 * extracted from the packaged artifact, serves `warmup` callbacks, then times `callbacks` more, one
 * after another, each a freshly signed documented example with its own stream id, each timed in
 * this process around the handler call alone (signing and building the event are outside). It
 * reports the latencies over IPC (the handler writes its logs to stdout, as in Lambda, and the
 * parent counts their bytes), pausing after the warm-up until the parent says go.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { signCallback } from '../../lib/callback/sign-callback';
import { httpApiEvent, lambdaContext, type HttpHandler } from '../../fakes/http-api-event';
import type { WarmJob, WarmReport } from '../protocol';
import { trustCertificate } from '../trust-certificate';

async function main(job: WarmJob): Promise<WarmReport> {
  const { key } = job;
  // The bench endpoints' root, trusted as bench/processes/cold-start-child.ts does (see trust-certificate.ts).
  if (process.env.BENCH_CA_FILE) trustCertificate(readFileSync(process.env.BENCH_CA_FILE, 'utf8'));
  const module = createRequire(__filename)(job.handlerPath) as Record<string, HttpHandler>;
  const handler = module[job.exportName];
  if (!handler) return { type: 'failed', message: `no export ${job.exportName}` };

  let sequence = 0;
  const serveOne = async (): Promise<number> => {
    const body = signCallback(
      { ...job.payload, stream_id: `${job.streamPrefix}-${++sequence}` },
      key,
    );
    const event = httpApiEvent(JSON.stringify(body));
    const context = lambdaContext();
    const start = performance.now();
    const answer = await handler(event, context);
    const elapsed = performance.now() - start;
    if (answer.statusCode !== 200) {
      throw new Error(
        `callback ${sequence}: expected 200, got ${answer.statusCode}: ${answer.body}`,
      );
    }
    return elapsed;
  };

  for (let index = 0; index < job.warmup; index++) await serveOne();
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send?.({ type: 'warmed' } satisfies WarmReport);
  });
  const latenciesMs: number[] = [];
  const start = performance.now();
  for (let index = 0; index < job.callbacks; index++) latenciesMs.push(await serveOne());
  return { type: 'done', latenciesMs, totalMs: performance.now() - start };
}

void main(JSON.parse(process.argv[2] ?? '{}') as WarmJob)
  .catch((error: unknown): WarmReport => ({ type: 'failed', message: String(error) }))
  .then((report) => process.send?.(report, () => process.exit(report.type === 'done' ? 0 : 1)));
