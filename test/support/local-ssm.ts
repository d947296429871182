import { createServer } from 'node:http';
import { TEST_CREDENTIALS } from './local-dynamodb';
import { close, listen } from './servers';
import { signatureIsValid } from './sigv4';

export interface LocalSsm {
  endpoint: string;
  parameters: Map<string, string>;
  /** GetParameter calls received: whether decryption was asked for, and the SigV4 checked. */
  requests: { name: string; withDecryption: boolean; signedCorrectly: boolean }[];
  stop(): Promise<void>;
}

/**
 * A real HTTP server speaking SSM's GetParameter (AWS JSON 1.1), holding SecureStrings in memory.
 * It checks each request's SigV4 signature against the test credentials, as SSM would.
 */
export async function startLocalSsm(region = 'us-east-1'): Promise<LocalSsm> {
  const parameters = new Map<string, string>();
  const requests: LocalSsm['requests'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(text || '{}') as { Name?: string; WithDecryption?: boolean };
      const name = body.Name ?? '';
      const received = { path: request.url ?? '/', headers: request.headers, body: text };
      const expected = { service: 'ssm', region, credentials: TEST_CREDENTIALS };
      void signatureIsValid(received, expected).then((signedCorrectly) => {
        requests.push({ name, withDecryption: body.WithDecryption === true, signedCorrectly });
        const value = signedCorrectly ? parameters.get(name) : undefined;
        const answer = !signedCorrectly
          ? { __type: 'InvalidSignatureException', message: 'signature does not match' }
          : value === undefined
            ? { __type: 'ParameterNotFound', message: `parameter ${name} not found` }
            : { Parameter: { Name: name, Type: 'SecureString', Value: value, Version: 1 } };
        response.writeHead(value === undefined ? 400 : 200, {
          'content-type': 'application/x-amz-json-1.1',
        });
        response.end(JSON.stringify(answer));
      });
    });
  });
  const endpoint = await listen(server);
  return { endpoint, parameters, requests, stop: () => close(server) };
}
