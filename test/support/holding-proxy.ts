import { createServer, request as forward } from 'node:http';
import { close, listen } from '../../fakes/http';

export interface HoldingProxy {
  endpoint: string;
  /** Requests forwarded, by their `x-amz-target`. */
  forwarded: string[];
  stop(): Promise<void>;
}

/**
 * An AWS endpoint that is slow in the worst way: it forwards every request to `upstream`, but
 * never relays the answer to the first request for `target`, which the upstream applied. The
 * client's timeout fires on a write that happened, and its retry meets the write's own effects.
 * Requests after the held one wait until the upstream has applied it, so the retry always comes
 * second, however fast the client gives up: the order is made here, not raced for.
 */
export async function startHoldingProxy(upstream: string, target: string): Promise<HoldingProxy> {
  const forwarded: string[] = [];
  let held: Promise<void> | undefined;
  const server = createServer((incoming, outgoing) => {
    const name = String(incoming.headers['x-amz-target'] ?? '');
    const hold = held === undefined && name === target;
    let applied = (): void => undefined;
    const before = held ?? Promise.resolve();
    if (hold) held = new Promise<void>((resolve) => (applied = resolve));
    void (hold ? Promise.resolve() : before).then(() => {
      forwarded.push(name);
      const proxied = forward(
        new URL(incoming.url ?? '/', upstream),
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            if (hold) {
              applied(); // never relayed: the client's timeout fires, and it retries
              return;
            }
            if (outgoing.destroyed) return;
            outgoing.writeHead(answer.statusCode ?? 500, answer.headers);
            outgoing.end(Buffer.concat(chunks));
          });
        },
      );
      proxied.on('error', () => outgoing.destroy());
      incoming.pipe(proxied);
    });
  });
  const endpoint = await listen(server);
  return { endpoint, forwarded, stop: () => close(server) };
}
