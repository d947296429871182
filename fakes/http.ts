import type { Server } from 'node:http';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server as TlsServer } from 'node:tls';

/** Every fake listens on loopback only: what it holds (keys, recordings) stays on this machine. */
export const FAKE_HOST = '127.0.0.1';

/** A key and certificate (PEM): the fake speaks HTTPS with them, as AWS's endpoints do. */
export interface FakeTls {
  key: string;
  cert: string;
}

/** An HTTP server, or an HTTPS one when `tls` is given. */
export function createFakeServer(listener: RequestListener, tls?: FakeTls): Server {
  return tls ? createHttpsServer(tls, listener) : createHttpServer(listener);
}

/**
 * Listens on loopback, on `port` (a free one by default), and returns the server's base URL:
 * `https://` for a TLS server.
 */
export async function listen(server: Server, port = 0): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, FAKE_HOST, () => resolve());
  });
  const scheme = server instanceof TlsServer ? 'https' : 'http';
  return `${scheme}://${FAKE_HOST}:${(server.address() as AddressInfo).port}`;
}

/** Closes a server, cutting open (for example hanging) connections instead of waiting for them. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A request's body, as text. */
export async function readBody(request: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
