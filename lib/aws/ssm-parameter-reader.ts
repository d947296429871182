import type { ParameterReader } from '../callback/keys';
import { createAwsJsonClient, type AwsJsonService } from './aws-json-client';

/*
 * One SSM call, GetParameter, over the shared AWS JSON request path (aws-json-client.ts) instead
 * of the SSM client: that client adds 168 KB to a bundle whose size is the callback's cold start
 * (see the README, Performance), for a single JSON POST. The Parameters and Secrets Lambda
 * extension was the other way out; it needs a layer ARN per region and architecture and a second
 * process.
 */

export const SSM: AwsJsonService = {
  signingName: 'ssm',
  endpointPrefix: 'ssm',
  endpointVariable: 'SSM',
  targetPrefix: 'AmazonSSM',
  jsonVersion: '1.1',
};

/** Two attempts of at most 2 s: read on a key-cache miss, inside the callback's 18 s budget. */
const SSM_BUDGET = { maxAttempts: 2, connectionTimeoutMs: 1000, requestTimeoutMs: 2000 } as const;

export interface SsmParameterReaderOptions {
  /** Default: `AWS_REGION`, else `us-east-1`. */
  region?: string;
  /** Default: `AWS_ENDPOINT_URL_SSM` (the SDK's own variable, for local servers), ... */
  endpoint?: string;
}

/**
 * Reads a parameter's decrypted value. Errors are `AwsJsonError`s named by SSM's code, so
 * `ParameterNotFound` can be told from an outage.
 */
export function ssmParameterReader(options: SsmParameterReaderOptions = {}): ParameterReader {
  const client = createAwsJsonClient(SSM, {
    ...SSM_BUDGET,
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
  });
  return async (name) => {
    const answer = await client.call<{ Parameter?: { Value?: string } }>('GetParameter', {
      Name: name,
      WithDecryption: true,
    });
    return answer.Parameter?.Value;
  };
}
