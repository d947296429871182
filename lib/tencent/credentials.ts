import { ENV_CREDENTIAL_NAMES, TencentConfigurationError } from './errors';

/** A Tencent Cloud API key. The SecretKey is a secret: never print or log it. */
export interface TencentCredentials {
  secretId: string;
  secretKey: string;
}

type Env = Record<string, string | undefined>;

/**
 * The API key from `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY` (the names Tencent's CLI
 * and Terraform provider read), for commands a person runs. A missing one fails here, naming the
 * variable, rather than as a signature error on the first request.
 */
export function readTencentCredentials(env: Env = process.env): TencentCredentials {
  return {
    secretId: required(
      env,
      ENV_CREDENTIAL_NAMES.secretId,
      'the SecretId of a Tencent Cloud API key',
    ),
    secretKey: required(env, ENV_CREDENTIAL_NAMES.secretKey, 'its SecretKey'),
  };
}

function required(env: Env, name: string, meaning: string): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new TencentConfigurationError(
      `Environment variable ${name} is required (${meaning}; create one in Tencent's API key console)`,
    );
  }
  return value;
}
