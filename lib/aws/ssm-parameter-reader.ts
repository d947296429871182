import { fromEnv } from '@aws-sdk/credential-provider-env';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ParameterReader } from '../callback/keys';

/*
 * One SSM call, GetParameter, signed with the AWS SDK's own SigV4 signer, instead of the SSM
 * client: that client adds 168 KB to a bundle whose size is the callback's cold start (see the
 * README, Performance), for a single JSON POST. The Parameters and Secrets Lambda extension was
 * the other way out; it needs a layer ARN per region and architecture and a second process.
 */

const ATTEMPTS = 2;
const TIMEOUT_MS = 2000;

export interface SsmParameterReaderOptions {
  region?: string;
  /** The SDK's own variable, so tests and local runs can point it at a local server. */
  endpoint?: string;
}

export function ssmParameterReader(options: SsmParameterReaderOptions = {}): ParameterReader {
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const endpoint = new URL(
    options.endpoint ?? process.env.AWS_ENDPOINT_URL_SSM ?? defaultEndpoint(region),
  );
  // Lambda gives every function its role's credentials in these variables.
  const signer = new SignatureV4({
    credentials: fromEnv(),
    region,
    service: 'ssm',
    sha256: NodeSha256,
  });

  return async (name) => {
    const body = JSON.stringify({ Name: name, WithDecryption: true });
    for (let attempt = 1; ; attempt++) {
      try {
        const signed = await signer.sign({
          method: 'POST',
          protocol: endpoint.protocol,
          hostname: endpoint.hostname,
          ...(endpoint.port !== '' && { port: Number(endpoint.port) }),
          path: endpoint.pathname,
          query: {},
          headers: {
            host: endpoint.host,
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'AmazonSSM.GetParameter',
          },
          body,
        });
        const answer = await post(endpoint, signed.headers, body);
        return readAnswer(answer);
      } catch (error) {
        if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  };
}

function defaultEndpoint(region: string): string {
  return `https://ssm.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}/`;
}

class SsmError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function readAnswer({ status, text }: { status: number; text: string }): string | undefined {
  const parsed = JSON.parse(text || '{}') as {
    Parameter?: { Value?: string };
    __type?: string;
    message?: string;
    Message?: string;
  };
  if (status === 200) return parsed.Parameter?.Value;
  // "__type" may carry a namespace: "com.amazonaws.ssm#ParameterNotFound".
  const type = (parsed.__type ?? 'SsmError').split('#').pop() ?? 'SsmError';
  throw new SsmError(type, parsed.message ?? parsed.Message ?? `SSM answered ${status}`, status);
}

function isRetryable(error: unknown): boolean {
  return (
    !(error instanceof SsmError) || error.status >= 500 || error.name === 'ThrottlingException'
  );
}

function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const request = send(url, { method: 'POST', headers, timeout: TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () =>
      request.destroy(new Error(`SSM did not answer within ${TIMEOUT_MS} ms`)),
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The signer's hash, over node:crypto (the SDK's own is not a public export). */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.create();
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }

  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }

  reset(): void {
    this.hash = this.create();
  }

  private create(): Hash | Hmac {
    return this.secret === undefined
      ? createHash('sha256')
      : createHmac('sha256', toBuffer(this.secret));
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
