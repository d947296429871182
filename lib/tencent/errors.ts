/**
 * Every error the Tencent adapter raises. Messages are shown to a person as one line ("what is
 * wrong, and what to do"), so they never carry a SecretKey or a callback key: the adapter scrubs
 * every secret of the request out of Tencent's own messages before they get here.
 */
export class TencentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TencentError';
  }
}

/** What to tell a person to check, per credential; the environment variables by default. */
export interface CredentialNames {
  secretId: string;
  secretKey: string;
}

export const ENV_CREDENTIAL_NAMES: CredentialNames = {
  secretId: 'TENCENTCLOUD_SECRET_ID',
  secretKey: 'TENCENTCLOUD_SECRET_KEY',
};

/** The credentials are missing: the message names the variable. */
export class TencentConfigurationError extends TencentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TencentConfigurationError';
  }
}

/** Tencent refused the credentials (`AuthFailure.*`); the message says what to check. */
export class TencentAuthError extends TencentError {
  constructor(
    readonly code: string,
    readonly action: string,
    names: CredentialNames = ENV_CREDENTIAL_NAMES,
    options?: { cause?: unknown },
  ) {
    super(`Tencent refused the credentials (${code}): ${authAdvice(code, action, names)}`, options);
    this.name = 'TencentAuthError';
  }
}

function authAdvice(code: string, action: string, names: CredentialNames): string {
  switch (code) {
    case 'AuthFailure.SecretIdNotFound':
    case 'AuthFailure.InvalidSecretId':
      return `check ${names.secretId}`;
    case 'AuthFailure.SignatureFailure':
      return `check ${names.secretKey}`;
    case 'AuthFailure.SignatureExpire':
      return "check this machine's clock (Tencent accepts requests signed within 5 minutes of its time)";
    case 'AuthFailure.UnauthorizedOperation':
      return `the key may not call live:${action}; grant it in Tencent's CAM console`;
    default:
      return `check ${names.secretId} and ${names.secretKey}`;
  }
}

/** Tencent kept answering `RequestLimitExceeded` after every backoff. */
export class TencentRateLimitedError extends TencentError {
  constructor(
    readonly action: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Tencent throttled ${action} (RequestLimitExceeded) ${attempts} times in a row: ` +
        'try again later, or make fewer requests a second',
      options,
    );
    this.name = 'TencentRateLimitedError';
  }
}

/** No answer, a timeout, or an answer that is not Tencent's API. */
export class TencentUnreachableError extends TencentError {
  constructor(
    readonly action: string,
    readonly endpoint: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Tencent Cloud API is unreachable at ${endpoint} (${action}: ${reason}): ` +
        'check the network, or TENCENTCLOUD_ENDPOINT if it is set',
      options,
    );
    this.name = 'TencentUnreachableError';
  }
}

/** Any other error answer: names the action, Tencent's code and message, and the RequestId. */
export class TencentApiError extends TencentError {
  constructor(
    readonly action: string,
    readonly code: string,
    readonly tencentMessage: string,
    readonly requestId: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `Tencent refused ${action}: ${code}: ${tencentMessage}` +
        (requestId ? ` (RequestId ${requestId})` : ''),
      options,
    );
    this.name = 'TencentApiError';
  }
}
