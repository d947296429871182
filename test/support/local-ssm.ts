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
      void signatureIsValid(request.url ?? '/', request.headers, text, region).then(
        (signedCorrectly) => {
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
        },
      );
    });
  });
  const endpoint = await listen(server);
  return { endpoint, parameters, requests, stop: () => close(server) };
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
