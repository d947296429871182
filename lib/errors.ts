/**
 * Every error the service raises on purpose. The HTTP edge maps `statusCode` to an answer in one
 * place; an error without one is unexpected and becomes a bare 500 with no internals.
 * Messages of errors with a 4xx status are shown to the sender, so they never carry a secret.
 */
export class CallbackServiceError extends Error {
  readonly statusCode?: number;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CallbackServiceError';
  }
}

/** The body is not JSON, or a field is missing or of the wrong type (the message names it). */
export class InvalidCallbackError extends CallbackServiceError {
  override readonly statusCode = 400;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidCallbackError';
  }
}

export const AuthenticationFailure = {
  missingSign: 'missing-sign',
  missingTime: 'missing-t',
  expired: 'expired',
  tooFarAhead: 'too-far-ahead',
  mismatch: 'mismatch',
} as const;
export type AuthenticationFailure =
  (typeof AuthenticationFailure)[keyof typeof AuthenticationFailure];

/** `sign`/`t` missing, expired, too far ahead, or not made with any configured key. */
export class AuthenticationError extends CallbackServiceError {
  override readonly statusCode = 401;

  constructor(
    readonly reason: AuthenticationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export class PayloadTooLargeError extends CallbackServiceError {
  override readonly statusCode = 413;

  constructor(limitBytes: number) {
    super(`body is larger than ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** The operator has not configured what the service needs; Tencent retries until it is fixed. */
export class ConfigurationError extends CallbackServiceError {
  override readonly statusCode = 500;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigurationError';
  }
}

/** A dependency (DynamoDB, SSM) failed; the callback was not accepted and Tencent retries. */
export class DependencyUnavailableError extends CallbackServiceError {
  override readonly statusCode = 503;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DependencyUnavailableError';
  }
}

/**
 * EventBridge refused or did not answer. Never shown to the sender: the record is stored and
 * pending, so the callback is still answered 200 and the event goes out later.
 */
export class PublishError extends CallbackServiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PublishError';
  }
}

/** A conditional write lost a race; the store's callers decide what that means. */
export class ConditionFailedError extends CallbackServiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConditionFailedError';
  }
}
