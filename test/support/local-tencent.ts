import { request as httpRequest } from 'node:http';
import type { TencentCredentials } from '../../lib/tencent/credentials';
import { LIVE_API_VERSION } from '../../lib/tencent/tencent-api';
import { startLocalTencent, type LocalTencent } from '../../local-tencent/server';
import { signTc3, tc3Authorization } from '../../local-tencent/tc3';

/** Throw-away keys the local Tencent of a test file accepts. */
export const TEST_TENCENT_CREDENTIALS: TencentCredentials = {
  secretId: 'AKIDlocalTencentTestOnly01',
  secretKey: 'localTencentTestOnlySecretKey01',
};

/**
 * A local Tencent started once per test file on a free port and closed after it; its account is
 * emptied and its clock reset before each test.
 */
export function useLocalTencent(): { tencent: LocalTencent } {
  const context = {} as { tencent: LocalTencent };
  beforeAll(async () => {
    context.tencent = await startLocalTencent({ port: 0, credentials: TEST_TENCENT_CREDENTIALS });
  });
  afterAll(async () => {
    await context.tencent?.close();
  });
  beforeEach(() => {
    context.tencent.state.reset();
    context.tencent.state.setClock(Date.now);
  });
  return context;
}

export interface RawRequest {
  action: string;
  /** Sent as is; signed unless `signedBody` says otherwise. */
  body?: string;
  /** What the signature covers, when a test tampers with the body after signing. */
  signedBody?: string;
  /** Unix seconds; now by default. */
  timestamp?: number;
  /** X-TC-Timestamp sent, when a test tampers with it after signing. */
  sentTimestamp?: number;
  version?: string;
  credentials?: TencentCredentials;
  method?: string;
}

/** The parsed answer of a request signed by hand (not through the SDK), for protocol tests. */
export async function postSigned(
  url: string,
  request: RawRequest,
): Promise<{ status: number; json: { Response: Record<string, unknown> } }> {
  const body = request.body ?? '{}';
  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
  const credentials = request.credentials ?? TEST_TENCENT_CREDENTIALS;
  const { host } = new URL(url);
  const signed = signTc3({
    method: 'POST',
    headers: { 'content-type': 'application/json', host },
    payload: request.signedBody ?? body,
    timestamp,
    service: 'live',
    secretKey: credentials.secretKey,
  });
  const answer = await send(url, request.method ?? 'POST', body, {
    authorization: tc3Authorization(credentials.secretId, signed),
    'content-type': 'application/json',
    host,
    'x-tc-action': request.action,
    'x-tc-version': request.version ?? LIVE_API_VERSION,
    'x-tc-timestamp': String(request.sentTimestamp ?? timestamp),
  });
  return {
    status: answer.status,
    json: JSON.parse(answer.text) as { Response: Record<string, unknown> },
  };
}

/** node:http rather than fetch: fetch replaces the Host header, which the signature covers. */
function send(
  url: string,
  method: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(method === 'GET' ? undefined : body);
  });
}
