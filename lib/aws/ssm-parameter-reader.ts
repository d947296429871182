import { ParameterNotFoundError } from '@aws-lambda-powertools/parameters/errors';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { ParameterReader } from '../parameters';
import { clientConfig, SSM_BUDGET, type ClientOverrides } from './clients';

export interface SsmParameterReaderOptions extends ClientOverrides {
  /**
   * How long a value read is kept (Powertools Parameters' cache, per container): a key rotation
   * takes effect within that time without a redeploy, and a warm function does not call SSM (and
   * KMS) on every invocation. Failures are never kept. Default 0: read every time.
   */
  maxAgeSeconds?: number;
}

/**
 * SecureStrings, decrypted, through Powertools Parameters over an SSM client with the callback's
 * budget (`SSM_BUDGET`). A parameter that does not exist reads as `undefined`; any other failure
 * (SSM unreachable, throttled, access denied) throws Powertools' `GetParameterError`, its `cause`
 * the SDK's exception.
 */
export function ssmParameterReader(options: SsmParameterReaderOptions = {}): ParameterReader {
  const { maxAgeSeconds = 0, ...overrides } = options;
  const provider = new SSMProvider({
    awsSdkV3Client: new SSMClient(clientConfig(SSM_BUDGET, overrides)),
  });
  return async (name) => {
    try {
      return await provider.get(name, {
        decrypt: true,
        maxAge: maxAgeSeconds,
        throwOnMissing: true,
      });
    } catch (error) {
      if (error instanceof ParameterNotFoundError) return undefined;
      throw error;
    }
  };
}
