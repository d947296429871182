import { createServer } from 'node:net';

/**
 * An endpoint nothing listens on, for a dependency that is down: port 1 is privileged and
 * outside the range the system hands out, so no test's server ever holds it, and a connection
 * to it is refused at once.
 */
export const UNREACHABLE_ENDPOINT = 'http://127.0.0.1:1';

/**
 * `count` distinct ports that were free a moment ago: each held open until all are found (so the
 * system hands out distinct ones), then released for the caller to listen on.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((done, fail) => {
          server.once('error', fail);
          server.listen(0, () => done((server.address() as { port: number }).port));
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

/** A port nothing listens on, that a test can name in what it expects: one handed out, then closed. */
export async function closedPort(): Promise<number> {
  const [port] = await freePorts(1);
  return port as number;
}
