import { createServer } from 'node:http';
import type { AwsCredentialIdentity } from '@smithy/types';
import { TEST_CREDENTIALS } from './local-dynamodb';
import { close, listen } from './servers';
import { signatureIsValid } from './sigv4';

/**
 * One answer the server gives: a status and a JSON body (or raw text); none at all (`hang`); or
 * the start of a 200 and then the connection cut (`cut`).
 */
export type ScriptedAnswer =
  { status: number; body?: object | string; headers?: Record<string, string> } | 'hang' | 'cut';

export interface ReceivedAwsJsonRequest {
  /** `X-Amz-Target`, e.g. `AmazonSSM.GetParameter`. */
  target: string | undefined;
  contentType: string | undefined;
  securityToken: string | undefined;
  userAgent: string | undefined;
  traceId: string | undefined;
  body: unknown;
  /** The SigV4 signature, checked by signing the request again with the SDK's signer. */
  signedCorrectly: boolean;
}

export interface LocalAwsJsonServer {
  endpoint: string;
  requests: ReceivedAwsJsonRequest[];
  /** TCP connections accepted: one for several requests means keep-alive worked. */
  connections: number;
  /** Answers to give, first to last; once they are used up, `otherwise`. */
  answers: ScriptedAnswer[];
  otherwise: ScriptedAnswer;
  stop(): Promise<void>;
}

/**
 * A real HTTP server speaking the AWS JSON protocol with scripted answers, so a client's
 * signing, timeouts, retries and error mapping run for real. A request whose signature does not
 * verify is answered as AWS does (400 `InvalidSignatureException`), whatever the script says.
 */
export async function startLocalAwsJsonServer(
  expected: { service: string; region?: string; credentials?: AwsCredentialIdentity },
  answers: ScriptedAnswer[] = [],
): Promise<LocalAwsJsonServer> {
  const signing = {
    service: expected.service,
    region: expected.region ?? 'us-east-1',
    credentials: expected.credentials ?? TEST_CREDENTIALS,
  };
  const state = {
    requests: [] as ReceivedAwsJsonRequest[],
    connections: 0,
    answers,
    otherwise: { status: 200, body: {} } as ScriptedAnswer,
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => request.headers[name] as string | undefined;
      void signatureIsValid(
        { path: request.url ?? '/', headers: request.headers, body: text },
        signing,
      ).then((signedCorrectly) => {
        state.requests.push({
          target: header('x-amz-target'),
          contentType: header('content-type'),
          securityToken: header('x-amz-security-token'),
          userAgent: header('user-agent'),
          traceId: header('x-amzn-trace-id'),
          body: JSON.parse(text || 'null') as unknown,
          signedCorrectly,
        });
        const answer: ScriptedAnswer = signedCorrectly
          ? (state.answers.shift() ?? state.otherwise)
          : {
              status: 400,
              body: { __type: 'InvalidSignatureException', message: 'signature does not match' },
            };
        if (answer === 'hang') return; // the client's timeout must fire
        if (answer === 'cut') {
          response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          response.write('{"Parameter":');
          setTimeout(() => request.socket.destroy(), 10);
          return;
        }
        response.writeHead(answer.status, {
          'content-type': 'application/x-amz-json-1.1',
          ...answer.headers,
        });
        response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
      });
    });
  });
  server.on('connection', () => state.connections++);
  const endpoint = await listen(server);
  return Object.assign(state, { endpoint, stop: () => close(server) });
}
