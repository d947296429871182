import { localAction } from '../../local-tencent/actions';
import { checkParams } from '../../local-tencent/params';
import type { LocalTencentState } from '../../local-tencent/state';
import { TencentFault } from '../../local-tencent/tencent-fault';
import {
  TencentCloudLiveApi,
  type ActionClient,
  type ApiObserver,
} from '../../lib/tencent/tencentcloud-live-api';
import { UNREACHABLE_ENDPOINT } from './ports';

/**
 * The local Tencent's account and actions, reached in process through the real adapter (given an
 * `ActionClient` instead of the SDK's): the local server's parameter checks, documented limits,
 * paging and refusals injected with `state.injectFault({ kind: 'refuse', ... })`, and the
 * adapter's own backoff, error translation and request counting (`observer`). No HTTP, no
 * signature, no rate limiter, no real time: for unit tests of what reads Tencent. Faults that
 * delay or hang an answer are timing, which unit tests do not have; they are served at once.
 */
export function inProcessTencent(
  state: LocalTencentState,
  observer?: ApiObserver,
): TencentCloudLiveApi {
  return new TencentCloudLiveApi({
    credentials: { secretId: 'AKIDinProcess', secretKey: 'inProcessSecretKey' },
    endpoint: UNREACHABLE_ENDPOINT, // never reached: the client answers in this process
    client: localActionClient(state),
    rateLimiter: { acquire: async () => () => undefined },
    backoff: { random: () => 0.5, sleep: async () => undefined },
    ...(observer && { observer }),
  });
}

function localActionClient(state: LocalTencentState): ActionClient {
  return {
    request: async (name, params) => {
      const action = localAction(name);
      if (action === undefined) throw sdkException('InvalidAction', `no action ${name}`);
      const fault = state.takeFault(name);
      if (fault?.kind === 'refuse') {
        throw sdkException(fault.code, fault.message ?? `${fault.code} (injected)`);
      }
      try {
        // As sent over the wire: a field set to undefined is no field at all.
        const body: unknown = JSON.parse(JSON.stringify(params));
        return action.handle(checkParams(body, action.params), state);
      } catch (error) {
        if (error instanceof TencentFault) throw sdkException(error.code, error.message);
        throw error;
      }
    },
  };
}

/** What the SDK throws for an error answer (`TencentCloudSDKHttpException`). */
function sdkException(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, requestId: 'in-process', traceId: '' });
}
