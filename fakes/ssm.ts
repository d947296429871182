import type { Server } from 'node:http';
import type { AwsCredentialIdentity } from '@smithy/types';
import { FAKE_AWS_CREDENTIALS, FAKE_AWS_REGION } from './credentials';
import { close, createFakeServer, listen, readBody, type FakeTls } from './http';
import { signatureIsValid } from './sigv4';

export interface LocalSsm {
  endpoint: string;
  parameters: Map<string, string>;
  /** GetParameter calls received: whether decryption was asked for, and the SigV4 checked. */
  requests: { name: string; withDecryption: boolean; signedCorrectly: boolean }[];
  /** PutParameter calls received: the type and overwrite asked for, and the SigV4 checked. */
  puts: { name: string; type: string; overwrite: boolean; signedCorrectly: boolean }[];
  /** The type PutParameter stored each parameter with (`SecureString`, ...). */
  types: Map<string, string>;
  /** The server, for a caller that counts or observes its requests. */
  server: Server;
  stop(): Promise<void>;
}

export interface LocalSsmOptions {
  /** The region and credentials requests must be signed for (the fakes' own by default). */
  region?: string;
  credentials?: AwsCredentialIdentity;
  /** HTTPS with this key and certificate, as SSM speaks. */
  tls?: FakeTls;
}

/**
 * A real HTTP server speaking SSM's GetParameter and PutParameter (AWS JSON 1.1), holding
 * SecureStrings in memory. It checks each request's SigV4 signature against the credentials it
 * was given, as SSM would; PutParameter without Overwrite refuses an existing name, as SSM does.
 */
export async function startLocalSsm({
  region = FAKE_AWS_REGION,
  credentials = FAKE_AWS_CREDENTIALS,
  tls,
}: LocalSsmOptions = {}): Promise<LocalSsm> {
  const parameters = new Map<string, string>();
  const types = new Map<string, string>();
  const requests: LocalSsm['requests'] = [];
  const puts: LocalSsm['puts'] = [];
  const server = createFakeServer((request, response) => {
    void readBody(request).then((text) => {
      const body = JSON.parse(text || '{}') as {
        Name?: string;
        WithDecryption?: boolean;
        Value?: string;
        Type?: string;
        Overwrite?: boolean;
      };
      const name = body.Name ?? '';
      const action = String(request.headers['x-amz-target'] ?? '').replace(/^AmazonSSM\./, '');
      const received = { path: request.url ?? '/', headers: request.headers, body: text };
      const expected = { service: 'ssm', region, credentials };
      void signatureIsValid(received, expected).then((signedCorrectly) => {
        if (action === 'PutParameter') {
          puts.push({
            name,
            type: body.Type ?? 'String',
            overwrite: body.Overwrite === true,
            signedCorrectly,
          });
        } else {
          requests.push({ name, withDecryption: body.WithDecryption === true, signedCorrectly });
        }
        if (signedCorrectly && action === 'PutParameter') {
          const exists = parameters.has(name) && body.Overwrite !== true;
          if (!exists) {
            parameters.set(name, body.Value ?? '');
            types.set(name, body.Type ?? 'String');
          }
          response.writeHead(exists ? 400 : 200, {
            'content-type': 'application/x-amz-json-1.1',
          });
          response.end(
            JSON.stringify(
              exists
                ? { __type: 'ParameterAlreadyExists', message: `parameter ${name} exists` }
                : { Version: 1, Tier: 'Standard' },
            ),
          );
          return;
        }
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
  }, tls);
  const endpoint = await listen(server);
  return { endpoint, parameters, types, requests, puts, server, stop: () => close(server) };
}
