import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PortClaim {
  port: number;
  /** What needs the port, for the message: `DynamoDB (dynalite)`. */
  serves: string;
  /** The variable that moves it: `LOCAL_DYNAMODB_PORT`. */
  variable: string;
}

/** One or more ports the local stack needs are taken; the message names each and the way out. */
export class PortInUseError extends Error {
  constructor(readonly taken: readonly PortClaim[]) {
    super(
      taken
        .map(
          ({ port, serves, variable }) =>
            `Port ${port} is already in use; it is needed for ${serves}. ` +
            `Stop what listens there (an earlier \`npm start\`? see \`lsof -i :${port}\`) ` +
            `or choose another port: ${variable}=<port> npm start`,
        )
        .join('\n'),
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Throws a {@link PortInUseError} naming every claimed port that something already listens on.
 * Checked before anything starts: an old server left on a port would otherwise answer the
 * readiness checks and the requests meant for the new one.
 */
export async function assertPortsFree(claims: readonly PortClaim[]): Promise<void> {
  const free = await Promise.all(claims.map(({ port }) => isPortFree(port)));
  const taken = claims.filter((_claim, index) => !free[index]);
  if (taken.length > 0) throw new PortInUseError(taken);
}

/**
 * Whether nothing listens on `port`, on any address: the probe binds the wildcard address
 * (IPv6 and IPv4), which fails if any listener holds the port, loopback-only ones included.
 */
export async function isPortFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(error);
    });
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Resolves once something accepts connections on `host:port`. Rejects after `timeoutMs`, or
 * when `signal` aborts (the process that should open the port has died).
 */
export async function waitForPort(
  port: number,
  {
    host = '127.0.0.1',
    timeoutMs = 60_000,
    intervalMs = 100,
    signal,
  }: { host?: string; timeoutMs?: number; intervalMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(host, port))) {
    signal?.throwIfAborted();
    if (Date.now() > deadline) {
      throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    }
    await sleep(intervalMs, undefined, { signal });
  }
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
