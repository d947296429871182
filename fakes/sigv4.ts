import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IncomingHttpHeaders } from 'node:http';
import type { AwsCredentialIdentity } from '@smithy/types';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Whether a received request carries a valid SigV4 signature: signs it again with the AWS SDK's
 * own signer, the known credentials and the time it carries, over the headers it says it signed,
 * and compares. What a real AWS endpoint does, so a client that passes has a real chance there.
 */
export async function signatureIsValid(
  request: ReceivedRequest,
  expected: { service: string; region: string; credentials: AwsCredentialIdentity },
): Promise<boolean> {
  const { authorization, 'x-amz-date': amzDate } = request.headers;
  if (typeof authorization !== 'string' || typeof amzDate !== 'string') return false;
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  // applyChecksum off: sign exactly the headers the request lists, adding none (as AWS checks).
  const signer = new SignatureV4({ ...expected, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: String(request.headers.host).split(':')[0] ?? '',
      path: request.path,
      query: {},
      headers: Object.fromEntries(
        signedHeaders.map((name) => [name, String(request.headers[name])]),
      ),
      body: request.body,
    },
    { signingDate: parseAmzDate(amzDate) },
  );
  return signed.headers.authorization === authorization;
}

function parseAmzDate(value: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(value) ?? [];
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}
