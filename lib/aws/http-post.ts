import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface PostOptions {
  agent: HttpAgent;
  /** Until the connection (and, over HTTPS, the TLS handshake) is up; not applied to a reused one. */
  connectionTimeoutMs: number;
  /** Until the whole answer is in, from the moment the request is made, connection included. */
  requestTimeoutMs: number;
}

/** No HTTP answer: the connection failed or was cut, or a timeout fired (`timedOut`). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

/**
 * A keep-alive agent for one endpoint: a warm Lambda reuses the connection (and its TLS session)
 * from one invocation to the next instead of paying a handshake per request. Idle sockets are
 * unref'd by Node, so they never keep a process alive.
 */
export function keepAliveAgent(url: URL): HttpAgent {
  const options = { keepAlive: true, maxSockets: 50 };
  return url.protocol === 'http:' ? new HttpAgent(options) : new HttpsAgent(options);
}

/**
 * One POST, its answer read whole. The request timeout is a deadline for the whole exchange, not
 * the socket's idle timeout: an endpoint that trickles bytes, or accepts and never answers, is
 * cut off at the same time, so the callers' budgets (attempts × timeout) hold.
 */
export function post(
  url: URL,
  headers: OutgoingHttpHeaders,
  body: string,
  options: PostOptions,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const timers: NodeJS.Timeout[] = [];
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      outcome();
    };
    const fail = (error: TransportError) => {
      if (settled) return;
      settle(() => reject(error));
      // Destroyed, the socket never goes back to the agent for reuse.
      request.destroy();
    };

    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const request = send(url, { method: 'POST', headers, agent: options.agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        settle(() =>
          resolve({
            statusCode: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        ),
      );
      response.on('error', (cause) =>
        fail(new TransportError(`the answer was cut: ${cause.message}`, false, { cause })),
      );
      response.on('close', () => {
        if (!response.complete) fail(new TransportError('the answer was cut', false));
      });
    });

    timers.push(
      setTimeout(
        () => fail(new TransportError(`no answer within ${options.requestTimeoutMs} ms`, true)),
        options.requestTimeoutMs,
      ),
    );
    request.on('socket', (socket) => {
      if (!socket.connecting) return; // a kept-alive connection, already up
      const connected = url.protocol === 'http:' ? 'connect' : 'secureConnect';
      const timer = setTimeout(
        () =>
          fail(new TransportError(`no connection within ${options.connectionTimeoutMs} ms`, true)),
        options.connectionTimeoutMs,
      );
      timers.push(timer);
      socket.once(connected, () => clearTimeout(timer));
    });
    request.on('error', (cause) =>
      fail(new TransportError(`request failed: ${cause.message}`, false, { cause })),
    );
    request.end(body);
  });
}
