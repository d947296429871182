import { createServer, request as forward } from 'node:http';
import { close, listen } from './servers';

export interface DelayingProxy {
  endpoint: string;
  /** Requests forwarded, by their `x-amz-target`. */
  forwarded: string[];
  stop(): Promise<void>;
}

/**
 * An AWS endpoint that is slow in the worst way: it forwards every request to `upstream`, but holds
 * the answer to the first request for `target` for `delayMs` after the upstream applied it. The
 * client times out on a write that happened, and its retry meets the write's own effects.
 */
export async function startDelayingProxy(
  upstream: string,
  target: string,
  delayMs: number,
): Promise<DelayingProxy> {
  const forwarded: string[] = [];
  let delayed = false;
  const server = createServer((incoming, outgoing) => {
    const name = String(incoming.headers['x-amz-target'] ?? '');
    forwarded.push(name);
    const hold = !delayed && name === target;
    if (hold) delayed = true;
    const upstreamUrl = new URL(incoming.url ?? '/', upstream);
    const proxied = forward(
      upstreamUrl,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const relay = () => {
            if (outgoing.destroyed) return;
            outgoing.writeHead(answer.statusCode ?? 500, answer.headers);
            outgoing.end(Buffer.concat(chunks));
          };
          if (hold) setTimeout(relay, delayMs);
          else relay();
        });
      },
    );
    proxied.on('error', () => outgoing.destroy());
    incoming.pipe(proxied);
  });
  const endpoint = await listen(server);
  return { endpoint, forwarded, stop: () => close(server) };
}
