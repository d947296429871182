import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AuthenticationError, CallbackServiceError } from '../../lib/errors';
import type { Log } from '../../lib/log';
import { jsonAnswer } from './json-answer';

const REASON_BY_STATUS: Record<number, string> = { 400: 'invalid', 413: 'too-large' };

/** Told of every error answer, e.g. to count it; `reason` is short and never holds a secret. */
export type ErrorAnswerListener = (statusCode: number, reason: string) => void;

/**
 * The one place errors become HTTP answers (register it last, so its `onError` runs first).
 * A 4xx tells the sender what is wrong with its callback; a 5xx makes Tencent retry; an
 * unexpected error becomes a bare 500 with no internals in the body, its details in the log.
 */
export function answerErrors(
  log: Log,
  onAnswer: ErrorAnswerListener,
): MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const { error } = request;
      const known = error instanceof CallbackServiceError && error.statusCode !== undefined;
      const statusCode = known ? error.statusCode : 500;
      const message = known ? error.message : 'internal error';
      const reason =
        error instanceof AuthenticationError
          ? error.reason
          : (REASON_BY_STATUS[statusCode] ?? error?.name ?? 'unknown');

      if (statusCode >= 500) {
        log.error('callback not accepted; answered 5xx so Tencent retries', { statusCode, error });
      } else {
        log.warn('callback rejected', { statusCode, reason, problem: message });
      }
      onAnswer(statusCode, reason);
      request.response = jsonAnswer(statusCode, { code: statusCode, message });
    },
  };
}
