import { HISTORY_EVENT_TYPES } from '../events/history';
import { interpretCallback } from '../ingest/interpret';
import { storeAndPublish, type IngestDeps, type IngestResult } from '../ingest/store-and-publish';
import { ReceivedVia } from '../record/record';
import { decodeCallbackBody } from './body';
import type { CallbackKeyProvider } from './keys';
import { verifySignature } from './signature';

export interface CallbackServiceDeps extends IngestDeps {
  keys: CallbackKeyProvider;
  clockSkewSeconds?: number;
  maxLookaheadSeconds?: number;
  now?: () => Date;
}

export interface RawCallback {
  body: string | undefined | null;
  isBase64Encoded?: boolean;
}

export type CallbackResult = Omit<IngestResult, 'stored'>;

/**
 * Handles one delivery of a Tencent CSS callback, in the order that gives an unauthenticated
 * sender nothing: size and JSON, then signature and time, then the payload's shape. Throws the
 * errors of `../errors` for every answer other than "accepted".
 */
export type CallbackService = (raw: RawCallback) => Promise<CallbackResult>;

export function createCallbackService(deps: CallbackServiceDeps): CallbackService {
  const now = deps.now ?? (() => new Date());

  return async function handleCallback(raw: RawCallback): Promise<CallbackResult> {
    const body = decodeCallbackBody(raw.body, raw.isBase64Encoded);
    verifySignature(body, await deps.keys.keys(), {
      now: now().getTime() / 1000,
      clockSkewSeconds: deps.clockSkewSeconds,
      maxLookaheadSeconds: deps.maxLookaheadSeconds,
    });

    const callback = interpretCallback(body);
    deps.log.appendKeys({ ...callback.identity.key });
    deps.publisher.prepare?.();
    const { stored: _stored, ...result } = await storeAndPublish(
      deps,
      callback,
      { via: ReceivedVia.callback, verifiable: HISTORY_EVENT_TYPES.has(callback.eventType) },
      now,
    );
    return result;
  };
}
