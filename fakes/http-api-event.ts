import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';

/** An API Gateway HTTP API (payload 2.0) `POST /callback` event, as Lambda receives it. */
export function httpApiEvent(
  body: string | undefined,
  isBase64Encoded = false,
): APIGatewayProxyEventV2 {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: 'POST /callback',
    rawPath: '/callback',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'user-agent': 'tencent-css-callback' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/callback',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      requestId: `request-${now}`,
      routeKey: 'POST /callback',
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    ...(body !== undefined && { body }),
    isBase64Encoded,
  };
}

export function lambdaContext(functionName = 'callback'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: `aws-request-${Date.now()}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 15000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Answer {
  statusCode: number;
  body: { code: number; message?: string };
  raw: string;
}

/** Invokes an HTTP handler with a callback body and returns its answer, parsed. */
export async function postCallback(
  handler: HttpHandler,
  body: string | object | undefined,
  isBase64Encoded = false,
): Promise<Answer> {
  const text = typeof body === 'object' ? JSON.stringify(body) : body;
  const result = await handler(httpApiEvent(text, isBase64Encoded), lambdaContext());
  const raw = result.body ?? '';
  return { statusCode: result.statusCode ?? 0, body: JSON.parse(raw) as Answer['body'], raw };
}
