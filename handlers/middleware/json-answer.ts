import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Tencent reads only the status; `{"code":0}` is the reply its documentation shows. */
export const ACCEPTED = jsonAnswer(200, { code: 0 });

export function jsonAnswer(statusCode: number, body: object): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
