import {
  ENV_CREDENTIAL_NAMES,
  TencentCloudLiveApi,
  SlidingWindowLimiter,
  LIVE_API_HOST,
  readTencentCredentials,
  requestsPerSecondFrom,
  type ApiObserver,
  type BackoffOptions,
  type TencentLiveApi,
} from '../../lib/tencent';
import { type Target } from './target';
import { CliError } from './errors';

export interface TencentConnection {
  api: TencentLiveApi;
  /** For people: `the local Tencent at http://127.0.0.1:4020`, `Tencent Cloud (SecretId AKID…1234)`. */
  description: string;
  local: boolean;
}

/**
 * The Tencent Cloud API a command works on. For the local stack: the local Tencent `npm start`
 * runs, with the keys its state file records. For a deployed stage: Tencent Cloud (or
 * TENCENTCLOUD_ENDPOINT) with TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY. One limiter
 * per run keeps each action to TENCENT_REQUESTS_PER_SECOND (15) in any second, under Tencent's 20.
 */
export function tencentConnection(
  target: Target,
  env: Record<string, string | undefined>,
  { backoff, observer }: { backoff?: BackoffOptions; observer?: ApiObserver } = {},
): TencentConnection {
  const rateLimiter = new SlidingWindowLimiter({ requestsPerSecond: requestsPerSecondFrom(env) });
  if (target.local) {
    const local = target.local.tencent;
    if (!local) {
      throw new CliError(
        'The running local stack has no local Tencent (it was started before there was one): ' +
          'restart npm start',
      );
    }
    return {
      api: new TencentCloudLiveApi({
        credentials: { secretId: local.secretId, secretKey: local.secretKey },
        endpoint: local.url,
        rateLimiter,
        ...(backoff && { backoff }),
        ...(observer && { observer }),
        credentialNames: {
          secretId: "the local Tencent's SecretId (restart npm start)",
          secretKey: "the local Tencent's SecretKey (restart npm start)",
        },
      }),
      description: `the local Tencent at ${local.url}`,
      local: true,
    };
  }
  const credentials = readTencentCredentials(env);
  const endpoint = env.TENCENTCLOUD_ENDPOINT?.trim() || undefined;
  return {
    api: new TencentCloudLiveApi({
      credentials,
      endpoint: endpoint ?? '',
      rateLimiter,
      ...(backoff && { backoff }),
      ...(observer && { observer }),
      credentialNames: ENV_CREDENTIAL_NAMES,
    }),
    description: `Tencent Cloud at ${endpoint ?? `https://${LIVE_API_HOST}`} (SecretId ${maskId(credentials.secretId)})`,
    local: false,
  };
}

/** `AKID…1234`: enough to tell keys apart, not enough to copy one. */
function maskId(secretId: string): string {
  return secretId.length > 12 ? `${secretId.slice(0, 4)}…${secretId.slice(-4)}` : '…';
}
