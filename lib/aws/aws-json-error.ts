import type { IncomingHttpHeaders } from 'node:http';

/** A JSON object as AWS answers it; only read, never trusted to have a shape. */
export type AwsJsonBody = Record<string, unknown>;

export interface AwsJsonErrorDetails {
  /** The signing name of the service: `dynamodb`, `events`, `ssm`. */
  service: string;
  /** The operation: `PutItem`, `PutEvents`, `GetParameter`. */
  operation: string;
  /** The AWS error code (`ConditionalCheckFailedException`), or `TimeoutError` / `NetworkingError`. */
  code: string;
  message: string;
  /** The HTTP status; undefined when no answer came (`networkError`). */
  statusCode?: number;
  /** The error answer, parsed: DynamoDB's `ConditionalCheckFailedException` carries `Item` here. */
  body?: AwsJsonBody;
  /**
   * How many times the request was sent. More than one means an earlier attempt may have been
   * applied even though it failed here (a timeout after the service did the work).
   */
  attempts: number;
  /** No HTTP answer: the connection failed, was cut, or a timeout fired. */
  networkError: boolean;
  /** A connection or request timeout fired (a kind of `networkError`). */
  timedOut: boolean;
}

/**
 * Every failure of an AWS JSON call: the service's error answers, timeouts and network errors.
 * `name` is the error code, as on the SDK's own exceptions, so code written against the SDK
 * (`error.name === 'ParameterNotFound'`) reads it unchanged.
 */
export class AwsJsonError extends Error implements AwsJsonErrorDetails {
  readonly service: string;
  readonly operation: string;
  readonly code: string;
  readonly statusCode?: number;
  readonly body?: AwsJsonBody;
  readonly attempts: number;
  readonly networkError: boolean;
  readonly timedOut: boolean;

  constructor(details: AwsJsonErrorDetails, options?: { cause?: unknown }) {
    super(`${details.service} ${details.operation}: ${details.message}`, options);
    this.name = details.code;
    this.service = details.service;
    this.operation = details.operation;
    this.code = details.code;
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.body !== undefined) this.body = details.body;
    this.attempts = details.attempts;
    this.networkError = details.networkError;
    this.timedOut = details.timedOut;
  }
}

/**
 * Reads an AWS JSON error answer (JSON 1.0 and 1.1 alike), as the SDK does: the code from the
 * `x-amzn-errortype` header, else the body's `__type` (or `code`), without the namespace
 * (`com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException`) or the URL the header may
 * append (`ThrottlingException:http://internal.amazon.com/...`); the message from `message`,
 * `Message` or `errorMessage` (services differ in case).
 */
export function parseErrorAnswer(
  statusCode: number,
  headers: IncomingHttpHeaders,
  text: string,
): { code: string; message: string; body?: AwsJsonBody } {
  const body = parseJsonObject(text);
  const header = headers['x-amzn-errortype'];
  const raw = [typeof header === 'string' ? header : undefined, body?.__type, body?.code].find(
    (candidate): candidate is string => typeof candidate === 'string' && candidate !== '',
  );
  const code = raw ? sanitizeErrorCode(raw) : 'UnknownError';
  const message = [body?.message, body?.Message, body?.errorMessage].find(
    (candidate): candidate is string => typeof candidate === 'string',
  );
  return {
    code,
    message: message ?? `HTTP ${statusCode}${raw ? ` ${code}` : ', no error code'}`,
    ...(body && { body }),
  };
}

/** `aws.protocoltests#Foo:http://...` → `Foo`. */
export function sanitizeErrorCode(raw: string): string {
  const withoutUrl = raw.split(':')[0] ?? raw;
  return withoutUrl.slice(withoutUrl.lastIndexOf('#') + 1);
}

/** The JSON object in `text`, or undefined when it is empty, not JSON or not an object. */
export function parseJsonObject(text: string): AwsJsonBody | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as AwsJsonBody)
      : undefined;
  } catch {
    return undefined;
  }
}
