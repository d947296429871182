import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/*
 * The SDK clients every function uses, each with the time budget of the callback that calls it.
 * Tencent waits 20 s for an answer and retries after a minute; the callback Lambda has 18 s. Each
 * budget bounds a dependency that hangs, so the callback answers 5xx (and Tencent retries) well
 * inside Tencent's wait, instead of timing out in silence.
 *
 * `throwOnRequestTimeout`: without it the SDK's `requestTimeout` only logs a warning and waits
 * for ever on an endpoint that accepts the connection and never answers.
 */

/** Attempts and timeouts of one client; every client takes its own in place of these. */
export interface ClientBudget {
  /** Times a request is sent at most, the first included. */
  maxAttempts: number;
  /** Per attempt, until connected (TLS included). */
  connectionTimeoutMs: number;
  /** Per attempt, until the answer's headers are in. */
  requestTimeoutMs: number;
}

/**
 * Three attempts of at most 2 s: a hung table becomes a 503 within about 7 s (backoff
 * included), in time for Tencent's next try. Conditional writes are safe to retry: a retry that
 * meets its own earlier write is recognised (`$metadata.attempts`, see the record store).
 */
export const DYNAMODB_BUDGET: ClientBudget = {
  maxAttempts: 3,
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 2000,
};

/**
 * Two attempts of at most 2.5 s. Not more, and not shorter: PutEvents has no idempotency key, so
 * an attempt that times out after the bus took the event is sent again and the event lands
 * twice; 2.5 s is far beyond PutEvents' normal latency. A record the bus did not take is still
 * answered 200: it is stored, and the republisher publishes it.
 */
export const EVENTBRIDGE_BUDGET: ClientBudget = {
  maxAttempts: 2,
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 2500,
};

/** Two attempts of at most 2 s: the key is read on a cold start, inside the callback's budget. */
export const SSM_BUDGET: ClientBudget = {
  maxAttempts: 2,
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 2000,
};

/**
 * What a caller may set beside the budget: a region, an endpoint, credentials (the commands a
 * person runs pass the shell's), or a retry strategy (tests use one that does not wait). The
 * endpoint otherwise comes from the SDK's own variables (`AWS_ENDPOINT_URL_DYNAMODB`, ...).
 */
export type ClientOverrides = Partial<ClientBudget> &
  Pick<DynamoDBClientConfig, 'region' | 'endpoint' | 'credentials' | 'retryStrategy'>;

/**
 * `LOCAL_AWS_TIMEOUT_MS`, which `npm start` alone sets (no deployed function has it): locally the
 * AWS endpoints run on the machine the functions run on, and a busy machine answers late. A
 * PutEvents answered after its timeout is sent again and lands twice (above), so the local stack,
 * which no Tencent waits on, waits at least this long for each answer instead.
 */
export const LOCAL_TIMEOUT_VARIABLE = 'LOCAL_AWS_TIMEOUT_MS';

/** The SDK configuration of a client: its budget, then what the caller overrides. */
export function clientConfig(
  budget: ClientBudget,
  overrides: ClientOverrides,
  env: Readonly<Record<string, string | undefined>> = process.env,
) {
  const { maxAttempts, connectionTimeoutMs, requestTimeoutMs, ...rest } = {
    ...budget,
    ...overrides,
  };
  const local = Number(env[LOCAL_TIMEOUT_VARIABLE] ?? 0) || 0;
  return {
    maxAttempts,
    // The middleware chain is built once per command class, not on every request: a warm
    // callback sends three. Middleware must then be added before a client's first request.
    cacheMiddleware: true,
    requestHandler: {
      connectionTimeout: Math.max(connectionTimeoutMs, local),
      requestTimeout: Math.max(requestTimeoutMs, local),
      throwOnRequestTimeout: true,
    },
    ...rest,
  };
}

export function createDynamoDbClient(overrides: ClientOverrides = {}): DynamoDBClient {
  return new DynamoDBClient(clientConfig(DYNAMODB_BUDGET, overrides));
}

export function createEventBridgeClient(overrides: ClientOverrides = {}): EventBridgeClient {
  return new EventBridgeClient(clientConfig(EVENTBRIDGE_BUDGET, overrides));
}
