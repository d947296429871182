import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { TEST_CREDENTIALS } from './local-dynamodb';
import { close, listen } from './servers';

export interface LocalSsm {
  endpoint: string;
  parameters: Map<string, string>;
  /** GetParameter calls received: whether decryption was asked for, and the SigV4 checked. */
  requests: { name: string; withDecryption: boolean; signedCorrectly: boolean }[];
  /** PutParameter calls received: the type and overwrite asked for, and the SigV4 checked. */
  puts: { name: string; type: string; overwrite: boolean; signedCorrectly: boolean }[];
  /** The type PutParameter stored each parameter with (`SecureString`, ...). */
  types: Map<string, string>;
  stop(): Promise<void>;
}

/**
 * A real HTTP server speaking SSM's GetParameter and PutParameter (AWS JSON 1.1), holding
 * SecureStrings in memory. It checks each request's SigV4 signature against the test credentials,
 * as SSM would; PutParameter without Overwrite refuses an existing name, as SSM does.
 */
export async function startLocalSsm(region = 'us-east-1'): Promise<LocalSsm> {
  const parameters = new Map<string, string>();
  const types = new Map<string, string>();
  const requests: LocalSsm['requests'] = [];
  const puts: LocalSsm['puts'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(text || '{}') as {
        Name?: string;
        WithDecryption?: boolean;
        Value?: string;
        Type?: string;
        Overwrite?: boolean;
      };
      const name = body.Name ?? '';
      const action = String(request.headers['x-amz-target'] ?? '').replace(/^AmazonSSM\./, '');
      void signatureIsValid(request.url ?? '/', request.headers, text, region).then(
        (signedCorrectly) => {
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
        },
      );
    });
  });
  const endpoint = await listen(server);
  return { endpoint, parameters, types, requests, puts, stop: () => close(server) };
}

/** Signs the request again with the known credentials and the time it carries, and compares. */
async function signatureIsValid(
  path: string,
  headers: IncomingHttpHeaders,
  body: string,
  region: string,
): Promise<boolean> {
  const authorization = headers.authorization;
  const amzDate = headers['x-amz-date'];
  if (typeof authorization !== 'string' || typeof amzDate !== 'string') return false;
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  const signer = new SignatureV4({
    credentials: TEST_CREDENTIALS,
    region,
    service: 'ssm',
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: String(headers.host).split(':')[0] ?? '',
      path,
      query: {},
      headers: Object.fromEntries(signedHeaders.map((name) => [name, String(headers[name])])),
      body,
    },
    { signingDate: parseAmzDate(amzDate) },
  );
  return signed.headers.authorization === authorization;
}

function parseAmzDate(value: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(value) ?? [];
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}
