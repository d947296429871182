import { createServer, type Server } from 'node:http';
import { verifySignature } from '../../../../lib/callback/signature';
import { OTHER_200, runLoad } from '../../../../scripts/load/load-test';
import { close, listen } from '../../../../fakes/http';

const KEY = 'LoadKey1';

interface Received {
  body: Record<string, unknown>;
  inFlight: number;
}

type Answer = (body: Record<string, unknown>) => { status: number; body: string };

const ACCEPT: Answer = () => ({ status: 200, body: '{"code":0}' });

/**
 * A stand-in for the callback endpoint: records each body and how many were in flight with it.
 * It holds the requests until `holdUntil` are in flight (or every one of the `total` has come),
 * then answers them all: the overlap a test checks is made here, not hoped for from timing.
 */
async function startEndpoint({
  answer = ACCEPT,
  holdUntil = 1,
  total = Infinity,
}: Partial<{
  answer: Answer;
  holdUntil: number;
  total: number;
}> = {}): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let held: (() => void)[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      received.push({ body, inFlight: held.length + 1 });
      held.push(() => {
        const { status, body: reply } = answer(body);
        response.writeHead(status, { 'content-type': 'application/json' }).end(reply);
      });
      if (held.length >= holdUntil || received.length >= total) {
        const release = held;
        held = [];
        release.forEach((send) => send());
      }
    });
  });
  const url = `${await listen(server)}/callback`;
  return { url, received, server };
}

describe('runLoad', () => {
  let server: Server | undefined;

  afterEach(async () => {
    if (server) await close(server);
    server = undefined;
  });

  it('sends every planned callback, each signed afresh with the key, at most `concurrency` at a time', async () => {
    const endpoint = await startEndpoint({ holdUntil: 7, total: 60 });
    server = endpoint.server;

    const figures = await runLoad({
      url: endpoint.url,
      key: KEY,
      total: 60,
      streams: 6,
      concurrency: 7,
      runId: 'run',
    });

    expect(figures).toMatchObject({ total: 60, distinct: 48, duplicates: 12, streams: 6 });
    expect(figures.statuses).toEqual({ '200': 60 });
    expect(figures.problems).toEqual([]);
    expect(endpoint.received).toHaveLength(60);
    const now = Date.now() / 1000;
    for (const { body } of endpoint.received) {
      expect(() => verifySignature(body as never, [KEY], { now })).not.toThrow();
    }
    // The endpoint answers nothing until 7 are in flight: the sender must keep that many going.
    const mostInFlight = Math.max(...endpoint.received.map(({ inFlight }) => inFlight));
    expect(mostInFlight).toBe(7);
    const distinct = new Set(
      endpoint.received.map(({ body }) => `${String(body.stream_id)}/${String(body.file_id)}`),
    );
    expect(distinct.size).toBe(48);
  });

  it('reports throughput and latency percentiles in order', async () => {
    const endpoint = await startEndpoint();
    server = endpoint.server;

    const { latencyMs, wallMs, callbacksPerSecond } = await runLoad({
      url: endpoint.url,
      key: KEY,
      total: 20,
      concurrency: 4,
    });

    expect(latencyMs.p50).toBeGreaterThan(0);
    expect(latencyMs.p50).toBeLessThanOrEqual(latencyMs.p95);
    expect(latencyMs.p95).toBeLessThanOrEqual(latencyMs.p99);
    expect(latencyMs.p99).toBeLessThanOrEqual(latencyMs.max);
    expect(callbacksPerSecond).toBeCloseTo(20 / (wallMs / 1000), 6);
  });

  it('counts a 200 whose body is not {"code":0} apart, and says what it was', async () => {
    let n = 0;
    const endpoint = await startEndpoint({
      answer: () =>
        ++n % 2
          ? { status: 200, body: '{"code":0}' }
          : { status: 200, body: '{"errorMessage":"[504] - Lambda timeout."}' },
    });
    server = endpoint.server;

    const figures = await runLoad({ url: endpoint.url, key: KEY, total: 10, concurrency: 1 });

    expect(figures.statuses).toEqual({ '200': 5, [OTHER_200]: 5 });
    expect(figures.problems).toEqual(['200 {"errorMessage":"[504] - Lambda timeout."}']);
  });

  it('counts refusals by status and sends that got no answer as errors, without stopping', async () => {
    const refusing = await startEndpoint({ answer: () => ({ status: 401, body: '{"code":401}' }) });
    server = refusing.server;

    const refused = await runLoad({ url: refusing.url, key: KEY, total: 5, concurrency: 2 });
    await close(refusing.server);
    server = undefined;
    const unanswered = await runLoad({ url: refusing.url, key: KEY, total: 5, concurrency: 2 });

    expect(refused.statuses).toEqual({ '401': 5 });
    expect(unanswered.statuses).toEqual({ error: 5 });
    expect(unanswered.problems).toEqual([
      expect.stringContaining(`Could not POST to ${refusing.url}`),
    ]);
  });
});
