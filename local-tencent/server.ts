import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { TencentCredentials } from '../lib/tencent/credentials';
import { LIVE_API_VERSION, LIVE_SERVICE } from '../lib/tencent/tencent-api';
import { localAction } from './actions';
import { CONTROL_PATH_PREFIX, answerControl } from './control';
import type { FaultEffect } from './faults';
import { checkParams } from './params';
import { LocalTencentState } from './state';
import { TencentFault } from './tencent-fault';
import { verifySignature } from './verify-signature';

/** The port `npm start` gives the local Tencent, and the variable that moves it. */
export const LOCAL_TENCENT_PORT = {
  variable: 'LOCAL_TENCENT_PORT',
  fallback: 4020,
  serves: 'the local Tencent Cloud API',
} as const;

/** Tencent's rate limit for the history actions; the local Tencent applies it to every action. */
export const DEFAULT_REQUESTS_PER_SECOND = 20;

/** TC3-signed POST bodies may be up to 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Loopback only: the local Tencent accepts the throw-away keys it was started with. */
const HOST = '127.0.0.1';

export interface LocalTencentOptions {
  /** 0 for any free port; `LOCAL_TENCENT_PORT` or 4020 when not given. */
  port?: number;
  /** The API keys the local Tencent accepts. */
  credentials: TencentCredentials | readonly TencentCredentials[];
  /** Per SecretId and action, in any one second (a sliding window), as Tencent counts them. */
  requestsPerSecond?: number;
  /** Milliseconds: the clock signatures and history windows are judged by. */
  now?: () => number;
}

export interface LocalTencent {
  /** `http://127.0.0.1:4020`: what TENCENTCLOUD_ENDPOINT should hold. */
  url: string;
  port: number;
  /** The account behind the API: add history, read bindings, set the clock, read counters. */
  state: LocalTencentState;
  close(): Promise<void>;
}

/**
 * A strict fake of Tencent Cloud's CSS API (`live`, 2018-08-01) on loopback: it checks each
 * request's TC3-HMAC-SHA256 signature, action, version and parameters, enforces the documented
 * limits and the rate limit over a sliding second, and answers in Tencent's shapes and error
 * codes, so a client that works against it has a real chance against Tencent. Faults injected
 * through its state (or the control API) refuse, delay or hang the next requests.
 *
 * @example
 * const tencent = await startLocalTencent({ port: 0, credentials: { secretId, secretKey } });
 * process.env.TENCENTCLOUD_ENDPOINT = tencent.url;
 */
export async function startLocalTencent(options: LocalTencentOptions): Promise<LocalTencent> {
  const keys = new Map(
    [options.credentials].flat().map(({ secretId, secretKey }) => [secretId, secretKey]),
  );
  const state = new LocalTencentState(
    options.now,
    options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND,
  );

  const server = createServer((request, response) => {
    if (request.url?.startsWith(CONTROL_PATH_PREFIX)) {
      answerControl(request, response, state).catch((error: unknown) => {
        console.error('local Tencent (control API):', error);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
      return;
    }
    void answer(request, response, { keys, state });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? localTencentPort(), HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${HOST}:${port}`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        // Clients keep connections alive; they must not hold the port open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The port from `LOCAL_TENCENT_PORT`, validated, or 4020. */
export function localTencentPort(env: Record<string, string | undefined> = process.env): number {
  const text = env[LOCAL_TENCENT_PORT.variable]?.trim();
  if (!text) return LOCAL_TENCENT_PORT.fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new Error(
      `${LOCAL_TENCENT_PORT.variable} must be a port number from 1 to 65535, not "${text}"`,
    );
  }
  return port;
}

interface Context {
  keys: ReadonlyMap<string, string>;
  state: LocalTencentState;
}

async function answer(request: IncomingMessage, response: ServerResponse, context: Context) {
  const requestId = randomUUID();
  const action = header(request, 'x-tc-action') ?? '';
  const { counters } = context.state;
  counters.requests[action] = (counters.requests[action] ?? 0) + 1;
  const injected: { fault?: FaultEffect } = {};
  let fields: object;
  try {
    const body = await readBody(request);
    const result = dispatch(request, body, action, context, injected);
    fields = { ...result, RequestId: requestId };
  } catch (error) {
    const fault =
      error instanceof TencentFault
        ? error
        : new TencentFault('InternalError', 'An internal error occurred.');
    if (!(error instanceof TencentFault)) console.error('local Tencent:', error);
    if (fault.code.startsWith('AuthFailure')) counters.authFailures += 1;
    if (fault.code === 'RequestLimitExceeded') counters.throttled += 1;
    fields = { Error: { Code: fault.code, Message: fault.message }, RequestId: requestId };
  }
  if (injected.fault?.kind === 'hang') return; // the socket stays open until the client gives up
  if (injected.fault?.kind === 'delay') await delay(injected.fault.delayMs);
  if (!response.destroyed) send(response, fields);
}

/** Tencent's order: the request's form, who signed it, what it asks, how often, with what. */
function dispatch(
  request: IncomingMessage,
  body: Buffer,
  actionName: string,
  context: Context,
  injected: { fault?: FaultEffect },
) {
  const { state } = context;
  if (request.method !== 'POST') {
    throw request.method === 'GET'
      ? new TencentFault(
          'UnsupportedOperation',
          'The local Tencent answers POST application/json requests (signature v3) only.',
        )
      : new TencentFault('UnsupportedProtocol', 'The HTTP request method must be GET or POST.');
  }
  const { secretId } = verifySignature(
    {
      method: 'POST',
      query: new URL(request.url ?? '/', 'http://localhost').search.slice(1),
      headers: request.headers,
      body,
    },
    { secretKeyOf: (id) => context.keys.get(id), now: state.now(), service: LIVE_SERVICE },
  );

  const version = header(request, 'x-tc-version');
  if (!version) throw missing('Version');
  if (version !== LIVE_API_VERSION) {
    throw new TencentFault('NoSuchVersion', `The API version \`${version}\` does not exist.`);
  }
  if (!actionName) throw missing('Action');
  const action = localAction(actionName);
  if (!action) {
    throw new TencentFault(
      'InvalidAction',
      `The action \`${actionName}\` does not exist (or is not one the local Tencent implements).`,
    );
  }
  const fault = state.takeFault(actionName);
  if (fault?.kind === 'refuse') {
    throw new TencentFault(fault.code, fault.message ?? injectedMessage(fault.code, actionName));
  }
  injected.fault = fault;
  if (!state.allowRequest(secretId, actionName)) {
    throw new TencentFault(
      'RequestLimitExceeded',
      injectedMessage('RequestLimitExceeded', actionName),
    );
  }

  const contentType = header(request, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new TencentFault('InvalidParameter', 'Content-Type must be application/json.');
  }
  return action.handle(checkParams(parseJson(body), action.params), state);
}

/** Tencent's own words for the codes it sends; a note that it was injected for any other. */
function injectedMessage(code: string, action: string): string {
  switch (code) {
    case 'RequestLimitExceeded':
      return (
        `Your requests to ${action} exceed the frequency limit for a second. ` +
        'Please reduce the frequency of calls.'
      );
    case 'InternalError':
      return 'An internal error occurred.';
    default:
      return `The local Tencent was told to refuse this request with ${code}.`;
  }
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new TencentFault('InvalidParameter', 'The request body is not valid JSON.');
  }
}

function missing(name: string): TencentFault {
  return new TencentFault(
    'MissingParameter',
    `The request is missing a required parameter \`${name}\`.`,
  );
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading (and dropping) so the answer can still be sent on this connection.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      size > MAX_BODY_BYTES
        ? reject(new TencentFault('RequestSizeLimitExceeded', 'The request body exceeds 10 MB.'))
        : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });
}

/** Tencent answers errors too with HTTP 200: the outcome is in the body. */
function send(response: ServerResponse, fields: object): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ Response: fields }));
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
