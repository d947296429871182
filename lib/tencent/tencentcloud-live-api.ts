import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { withBackoff, type BackoffOptions, DEFAULT_BACKOFF } from './backoff';
import { readTencentCredentials, type TencentCredentials } from './credentials';
import { liveEndpoint } from './endpoint';
import {
  ENV_CREDENTIAL_NAMES,
  TencentApiError,
  TencentAuthError,
  TencentRateLimitedError,
  TencentUnreachableError,
  type CredentialNames,
} from './errors';
import { SlidingWindowLimiter, type RateLimiter } from './rate-limiter';
import {
  LIVE_API_HOST,
  LIVE_API_VERSION,
  type LiveAction,
  type TencentLiveApi,
} from './tencent-api';
import type * as T from './types';

/** The slice of the SDK's `CommonClient` the adapter uses; tests may stand in for it. */
export interface ActionClient {
  request(action: string, params: object): Promise<unknown>;
}

export interface TencentCloudLiveApiOptions {
  credentials: TencentCredentials;
  /** Optional for CSS: its actions are global. */
  region?: string;
  /** `http://127.0.0.1:4020` for a local server; `TENCENTCLOUD_ENDPOINT` when not given. */
  endpoint?: string;
  /**
   * Keeps the requests of each action under Tencent's quota; share one between the clients of a
   * process. By default, one of this client's own at the default rate.
   */
  rateLimiter?: RateLimiter;
  /** How `RequestLimitExceeded` is retried. */
  backoff?: BackoffOptions;
  /** Per request; the SDK's own default is 60 s. */
  timeoutSeconds?: number;
  /** What an auth error tells a person to check (the environment variables by default). */
  credentialNames?: CredentialNames;
  /** The SDK client; built from the options above when absent. */
  client?: ActionClient;
  /** Told of every request sent and every one Tencent throttled (a run's metrics count them). */
  observer?: ApiObserver;
}

export interface ApiObserver {
  requested?(action: LiveAction): void;
  throttled?(action: LiveAction): void;
}

const DEFAULT_TIMEOUT_SECONDS = 15;

/**
 * {@link TencentLiveApi} over the official SDK's `CommonClient`: the SDK signs (TC3-HMAC-SHA256)
 * and sends; this adapter waits for the rate limiter, retries `RequestLimitExceeded` with
 * backoff, and turns every failure into a `TencentError` whose message holds no secret.
 *
 * @example
 * const live = new TencentCloudLiveApi({ credentials: readTencentCredentials() });
 * const { Rules } = await live.DescribeLiveCallbackRules();
 */
export class TencentCloudLiveApi implements TencentLiveApi {
  private readonly client: ActionClient;
  private readonly endpoint: string;
  private readonly secretKey: string;
  private readonly names: CredentialNames;
  private readonly rateLimiter: RateLimiter;
  private readonly backoff: BackoffOptions;
  private readonly timeoutSeconds: number;
  private readonly observer: ApiObserver;

  constructor(options: TencentCloudLiveApiOptions) {
    this.observer = options.observer ?? {};
    const endpoint = liveEndpoint(options.endpoint ?? process.env.TENCENTCLOUD_ENDPOINT);
    this.endpoint = endpoint.display;
    this.secretKey = options.credentials.secretKey;
    this.names = options.credentialNames ?? ENV_CREDENTIAL_NAMES;
    this.rateLimiter = options.rateLimiter ?? new SlidingWindowLimiter();
    this.backoff = options.backoff ?? {};
    this.timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    this.client =
      options.client ??
      new CommonClient(LIVE_API_HOST, LIVE_API_VERSION, {
        credential: { ...options.credentials },
        ...(options.region !== undefined && { region: options.region }),
        profile: {
          httpProfile: {
            ...endpoint.httpProfile,
            reqTimeout: this.timeoutSeconds,
          },
        },
      });
  }

  CreateLiveCallbackTemplate(request: T.CreateLiveCallbackTemplateRequest) {
    return this.call<T.CreateLiveCallbackTemplateResponse>('CreateLiveCallbackTemplate', request);
  }

  ModifyLiveCallbackTemplate(request: T.ModifyLiveCallbackTemplateRequest) {
    return this.call<T.ModifyLiveCallbackTemplateResponse>('ModifyLiveCallbackTemplate', request);
  }

  DescribeLiveCallbackTemplates() {
    return this.call<T.DescribeLiveCallbackTemplatesResponse>('DescribeLiveCallbackTemplates');
  }

  DeleteLiveCallbackTemplate(request: T.DeleteLiveCallbackTemplateRequest) {
    return this.call<T.DeleteLiveCallbackTemplateResponse>('DeleteLiveCallbackTemplate', request);
  }

  CreateLiveCallbackRule(request: T.CreateLiveCallbackRuleRequest) {
    return this.call<T.CreateLiveCallbackRuleResponse>('CreateLiveCallbackRule', request);
  }

  DescribeLiveCallbackRules() {
    return this.call<T.DescribeLiveCallbackRulesResponse>('DescribeLiveCallbackRules');
  }

  DeleteLiveCallbackRule(request: T.DeleteLiveCallbackRuleRequest) {
    return this.call<T.DeleteLiveCallbackRuleResponse>('DeleteLiveCallbackRule', request);
  }

  DescribeLiveStreamEventList(request: T.DescribeLiveStreamEventListRequest) {
    return this.call<T.DescribeLiveStreamEventListResponse>('DescribeLiveStreamEventList', request);
  }

  DescribeCallbackRecordsList(request: T.DescribeCallbackRecordsListRequest) {
    return this.call<T.DescribeCallbackRecordsListResponse>('DescribeCallbackRecordsList', request);
  }

  private async call<R>(action: LiveAction, request: object = {}): Promise<R> {
    const secrets = [this.secretKey, ...callbackKeysOf(request)];
    try {
      return await withBackoff(
        async () => {
          const release = await this.rateLimiter.acquire(action);
          this.observer.requested?.(action);
          try {
            return (await this.client.request(action, request)) as R;
          } catch (error) {
            const translated = this.translate(action, error, secrets);
            if (translated instanceof Throttled) this.observer.throttled?.(action);
            throw translated;
          } finally {
            release();
          }
        },
        (error) => error instanceof Throttled,
        this.backoff,
      );
    } catch (error) {
      if (!(error instanceof Throttled)) throw error;
      const attempts = this.backoff.attempts ?? DEFAULT_BACKOFF.attempts;
      throw new TencentRateLimitedError(action, attempts, { cause: error.cause });
    }
  }

  private translate(action: LiveAction, error: unknown, secrets: string[]): Error {
    const cause = scrubError(error, secrets);
    if (!isSdkException(error)) {
      // The SDK lets a body that is not JSON through as a SyntaxError: not Tencent's API.
      return new TencentUnreachableError(
        action,
        this.endpoint,
        `the answer is not Tencent's API (${cause.message})`,
        { cause },
      );
    }
    const code = error.code;
    if (!code) {
      // The SDK wraps network failures and timeouts, and sets httpCode on a non-200 answer.
      const reason = error.httpCode ? `HTTP ${error.httpCode}` : this.networkReason(cause.message);
      return new TencentUnreachableError(action, this.endpoint, reason, { cause });
    }
    if (code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.')) {
      return new Throttled(cause);
    }
    if (code.startsWith('AuthFailure')) {
      return new TencentAuthError(code, action, this.names, { cause });
    }
    return new TencentApiError(action, code, cause.message, error.requestId || undefined, {
      cause,
    });
  }

  /**
   * node-fetch's words without the URL it requested, which is the SDK's address for an override
   * (`live.tencentcloudapi.com:<port>`), not the endpoint a person configured.
   */
  private networkReason(message: string): string {
    if (message.startsWith('network timeout')) return `no answer within ${this.timeoutSeconds} s`;
    return message.replace(/^request to \S+ failed, reason: /, '');
  }
}

/** The adapter with the credentials and endpoint of the environment (commands a person runs). */
export function tencentCloudLiveApiFromEnv(
  env: Record<string, string | undefined> = process.env,
  options: Omit<TencentCloudLiveApiOptions, 'credentials'> = {},
): TencentCloudLiveApi {
  return new TencentCloudLiveApi({
    credentials: readTencentCredentials(env),
    // This environment's override or none: not process.env's when given another.
    endpoint: env.TENCENTCLOUD_ENDPOINT ?? '',
    ...options,
  });
}

/** A throttled attempt, before the backoff gives up. */
class Throttled extends Error {
  constructor(cause: Error) {
    super('RequestLimitExceeded', { cause });
    this.name = 'Throttled';
  }
}

/** What the SDK throws (`TencentCloudSDKHttpException`, not exported by the package). */
interface SdkException extends Error {
  requestId: string;
  code?: string;
  httpCode?: number;
}

function isSdkException(error: unknown): error is SdkException {
  return error instanceof Error && 'requestId' in error && 'traceId' in error;
}

function callbackKeysOf(request: object): string[] {
  const key = (request as { CallbackKey?: unknown }).CallbackKey;
  return typeof key === 'string' && key !== '' ? [key] : [];
}

/** The error itself when its message holds no secret, else a copy with every secret replaced. */
function scrubError(error: unknown, secrets: string[]): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const message = secrets.reduce(
    (text, secret) => (secret ? text.split(secret).join('[redacted]') : text),
    original.message,
  );
  if (message === original.message) return original;
  const copy = new Error(message);
  copy.name = original.name;
  return Object.assign(copy, pick(original, ['code', 'requestId', 'httpCode']));
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(
    keys
      .filter((key) => key in source)
      .map((key) => [key, (source as Record<string, unknown>)[key]]),
  );
}
