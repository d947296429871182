import { credentialsFromEnvironment, type AwsCredentials } from './aws-credentials';
import { parseEndpoint, resolveEndpoint, type EndpointNames } from './aws-endpoint';
import {
  AwsJsonError,
  parseErrorAnswer,
  parseJsonObject,
  type AwsJsonBody,
  type AwsJsonErrorDetails,
} from './aws-json-error';
import { backoffDelayMs, isRetryable, isThrottling } from './aws-retry';
import { keepAliveAgent, post, TransportError, type HttpAnswer } from './http-post';
import { sigV4Signer } from './sigv4';

/*
 * One request path for the AWS services the functions call, all of which speak the AWS JSON
 * protocol: a signed POST of a JSON body, the operation named in `X-Amz-Target`, a JSON answer.
 * It replaces SDK clients whose size is most of the callback's cold start (the SDK's EventBridge
 * client alone was about 14% of it): see eventbridge-put-events.ts and dynamodb-json.ts for
 * what each replacement measured.
 */

/** What tells one AWS JSON service from another. */
export interface AwsJsonService extends EndpointNames {
  /** The SigV4 signing name: `dynamodb`, `events`, `ssm`. */
  signingName: string;
  /** `X-Amz-Target` is `<targetPrefix>.<operation>`: `DynamoDB_20120810`, `AWSEvents`, `AmazonSSM`. */
  targetPrefix: string;
  /** DynamoDB speaks 1.0, SSM and EventBridge 1.1; the two differ only in the content type. */
  jsonVersion: '1.0' | '1.1';
}

export interface AwsJsonClientOptions {
  /** Default: `AWS_REGION` (Lambda sets it). */
  region?: string;
  /** Default: `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, then the regional endpoint. */
  endpoint?: string;
  /** Default: the Lambda environment's (`AWS_ACCESS_KEY_ID`, ...), read on every signature. */
  credentials?: () => AwsCredentials | Promise<AwsCredentials>;
  /** Times a request is sent at most, the first included. Default 3. */
  maxAttempts?: number;
  /** Per attempt, until connected (TLS included). Default 1000. */
  connectionTimeoutMs?: number;
  /** Per attempt, until the whole answer is in. Default 2000. */
  requestTimeoutMs?: number;
  /** Waits between attempts; injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1): the backoff's jitter; injectable so tests can pin it. */
  random?: () => number;
}

export interface AwsJsonClient {
  readonly service: AwsJsonService;
  readonly endpoint: URL;
  /**
   * Sends one operation and returns its parsed answer, retrying throttling, 5xx, timeouts and
   * network errors up to `maxAttempts`; throws an {@link AwsJsonError} otherwise.
   */
  call<Output = AwsJsonBody>(operation: string, input: object): Promise<Output>;
  /** Closes kept-alive connections (tests, scripts); a Lambda never needs to. */
  destroy(): void;
}

export const AWS_JSON_DEFAULTS = {
  maxAttempts: 3,
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 2000,
} as const;

const USER_AGENT = 'tencent-css-recordings aws-json';

type Failure = Omit<AwsJsonErrorDetails, 'service' | 'operation' | 'attempts'>;

/**
 * A client for one AWS JSON service, created once per container (module scope) so its
 * connection is reused by every warm invocation.
 *
 * @example
 * const ssm = createAwsJsonClient(SSM, { maxAttempts: 2 });
 * const { Parameter } = await ssm.call<{ Parameter?: { Value?: string } }>('GetParameter', {
 *   Name: '/my/parameter',
 *   WithDecryption: true,
 * });
 */
export function createAwsJsonClient(
  service: AwsJsonService,
  options: AwsJsonClientOptions = {},
): AwsJsonClient {
  const region = options.region ?? process.env.AWS_REGION;
  if (!region) throw new Error('Environment variable AWS_REGION is required (Lambda sets it)');
  const endpoint = options.endpoint
    ? parseEndpoint(options.endpoint)
    : resolveEndpoint(service, region);
  const maxAttempts = options.maxAttempts ?? AWS_JSON_DEFAULTS.maxAttempts;
  const transport = {
    agent: keepAliveAgent(endpoint),
    connectionTimeoutMs: options.connectionTimeoutMs ?? AWS_JSON_DEFAULTS.connectionTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs ?? AWS_JSON_DEFAULTS.requestTimeoutMs,
  };
  const sleep = options.sleep ?? ((ms: number) => new Promise((done) => setTimeout(done, ms)));
  const random = options.random ?? Math.random;
  const sign = sigV4Signer(
    service.signingName,
    region,
    options.credentials ?? (() => credentialsFromEnvironment()),
  );
  const contentType = `application/x-amz-json-${service.jsonVersion}`;

  async function sendOnce(operation: string, body: string, attempt: number): Promise<AwsJsonBody> {
    // Signed on every attempt: the signature carries the time, and credentials may rotate.
    const headers = await sign({
      url: endpoint,
      headers: {
        host: endpoint.host,
        'content-type': contentType,
        'content-length': String(Buffer.byteLength(body)),
        'x-amz-target': `${service.targetPrefix}.${operation}`,
      },
      body,
    });
    const fail = (details: Failure, cause?: unknown) =>
      new AwsJsonError(
        { service: service.signingName, operation, attempts: attempt, ...details },
        cause === undefined ? undefined : { cause },
      );

    let answer: HttpAnswer;
    try {
      answer = await post(endpoint, { ...headers, ...unsignedHeaders() }, body, transport);
    } catch (cause) {
      const timedOut = cause instanceof TransportError && cause.timedOut;
      throw fail(
        {
          code: timedOut ? 'TimeoutError' : 'NetworkingError',
          message: cause instanceof Error ? cause.message : String(cause),
          networkError: true,
          timedOut,
        },
        // The system's error (ECONNREFUSED, ECONNRESET, ...); a timeout has none.
        cause instanceof TransportError ? cause.cause : cause,
      );
    }

    const { statusCode } = answer;
    if (statusCode >= 200 && statusCode < 300) {
      // DynamoDB answers a PutItem with `{}`; some services answer with nothing at all.
      const parsed = answer.body.trim() === '' ? {} : parseJsonObject(answer.body);
      if (parsed) return parsed;
      // Not retried: the service may well have done the work (PutEvents has no idempotency key).
      throw fail({
        code: 'InvalidResponse',
        message: `HTTP ${statusCode} with a body that is not a JSON object`,
        statusCode,
        networkError: false,
        timedOut: false,
      });
    }
    throw fail({
      ...parseErrorAnswer(statusCode, answer.headers, answer.body),
      statusCode,
      networkError: false,
      timedOut: false,
    });
  }

  return {
    service,
    endpoint,
    async call<Output>(operation: string, input: object): Promise<Output> {
      const body = JSON.stringify(input);
      for (let attempt = 1; ; attempt++) {
        try {
          return (await sendOnce(operation, body, attempt)) as Output;
        } catch (error) {
          if (!(error instanceof AwsJsonError)) throw error; // credentials missing: no retry helps
          if (attempt >= maxAttempts || !isRetryable(error)) throw error;
          await sleep(backoffDelayMs(attempt, isThrottling(error), random));
        }
      }
    },
    destroy: () => transport.agent.destroy(),
  };
}

/**
 * Headers SigV4 never signs. In Lambda, the trace header passes the invocation's X-Ray trace on,
 * so the service's segment joins the function's trace, as the SDK's recursion-detection
 * middleware does (the runtime updates `_X_AMZN_TRACE_ID` on every invocation).
 */
function unsignedHeaders(): Record<string, string> {
  const traceId = process.env._X_AMZN_TRACE_ID;
  return {
    'user-agent': USER_AGENT,
    ...(process.env.AWS_LAMBDA_FUNCTION_NAME && traceId && { 'x-amzn-trace-id': traceId }),
  };
}
