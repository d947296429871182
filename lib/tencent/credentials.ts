import type { ParameterReader } from '../parameters';
import { ENV_CREDENTIAL_NAMES, TencentConfigurationError, type CredentialNames } from './errors';

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

/**
 * The API key a deployed function reads from its SSM SecureString (`TENCENT_CREDENTIALS_PARAMETER`),
 * stored as `{"secretId": "...", "secretKey": "..."}`. A value of another shape fails naming the
 * parameter and the shape, never showing the value.
 */
export function parseTencentCredentials(value: string, parameter: string): TencentCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  const { secretId, secretKey } = (parsed ?? {}) as Partial<Record<string, unknown>>;
  if (typeof secretId !== 'string' || !secretId || typeof secretKey !== 'string' || !secretKey) {
    throw new TencentConfigurationError(
      `The SSM parameter ${parameter} must hold {"secretId": "...", "secretKey": "..."} (a Tencent Cloud API key)`,
    );
  }
  return { secretId, secretKey };
}

/** What an auth error tells a person to check when the key comes from an SSM parameter. */
export function parameterCredentialNames(parameter: string): CredentialNames {
  return {
    secretId: `the secretId in the SSM parameter ${parameter}`,
    secretKey: `the secretKey in the SSM parameter ${parameter}`,
  };
}

/**
 * The API key in an SSM parameter, or `undefined` when none is configured (no parameter named,
 * or the parameter does not exist): a deployment without Tencent credentials still works.
 */
export async function credentialsFromParameter(
  read: ParameterReader,
  parameter: string | undefined,
): Promise<TencentCredentials | undefined> {
  if (parameter === undefined) return undefined;
  const value = await read(parameter);
  return value === undefined ? undefined : parseTencentCredentials(value, parameter);
}
