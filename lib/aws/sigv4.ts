import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from './aws-credentials';
import { NodeSha256 } from './node-sha256';

export interface RequestToSign {
  url: URL;
  /** Lower-case names; every one of them is signed (except those SigV4 never signs). */
  headers: Record<string, string>;
  body: string;
}

/** Returns the headers to send: the given ones plus `authorization`, `x-amz-date`, and the token. */
export type SignRequest = (request: RequestToSign) => Promise<Record<string, string>>;

/**
 * SigV4 for POSTs to one service in one region, over the AWS SDK's own signer
 * (`@smithy/signature-v4`, 14 KB minified): signing is where a hand-written client is most
 * likely to be subtly wrong, and the tests' servers check signatures with this same signer.
 */
export function sigV4Signer(
  signingName: string,
  region: string,
  credentials: () => AwsCredentials | Promise<AwsCredentials>,
): SignRequest {
  const signer = new SignatureV4({
    credentials: async () => credentials(),
    region,
    service: signingName,
    sha256: NodeSha256,
  });
  return async ({ url, headers, body }) => {
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port !== '' && { port: Number(url.port) }),
      path: url.pathname,
      query: {},
      headers,
      body,
    });
    return signed.headers;
  };
}
