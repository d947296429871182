import type { ParamsSpec } from '../params';
import type { LocalTencentState } from '../state';

/** One action of the local Tencent: its parameters, and what it does to the account. */
export interface LocalAction {
  params: ParamsSpec;
  /** Returns the Response fields (RequestId added by the server), or throws a TencentFault. */
  handle(params: Record<string, unknown>, state: LocalTencentState): object;
}

/** Declares an action whose handler reads its checked parameters as the SDK's request type. */
export function defineAction<Request>(
  params: ParamsSpec,
  handle: (request: Request, state: LocalTencentState) => object,
): LocalAction {
  return { params, handle: (checked, state) => handle(checked as Request, state) };
}
