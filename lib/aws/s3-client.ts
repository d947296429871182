import { S3Client } from '@aws-sdk/client-s3';
import { clientConfig, type ClientBudget, type ClientOverrides } from './clients';

/**
 * Three attempts; a part is a few megabytes, so the request timeout (the longest silence of the
 * socket, not the whole transfer) is generous. UploadPart and CompleteMultipartUpload are safe to
 * retry: a part sent twice replaces itself, and a completed upload completes once.
 */
export const S3_BUDGET: ClientBudget = {
  maxAttempts: 3,
  connectionTimeoutMs: 3000,
  requestTimeoutMs: 30_000,
};

/**
 * The archive's S3 client. With `AWS_ENDPOINT_URL_S3` set (a local S3, in `npm start` and the
 * tests) it addresses buckets by path (`http://127.0.0.1:4569/bucket/key`): a local server has no
 * DNS name per bucket.
 */
export function createS3Client(
  overrides: ClientOverrides & { forcePathStyle?: boolean } = {},
  env: Record<string, string | undefined> = process.env,
): S3Client {
  const { forcePathStyle, ...rest } = overrides;
  const local = Boolean(env.AWS_ENDPOINT_URL_S3?.trim()) || rest.endpoint !== undefined;
  return new S3Client({
    ...clientConfig(S3_BUDGET, rest),
    forcePathStyle: forcePathStyle ?? local,
  });
}
