import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import {
  createAwsJsonClient,
  type AwsJsonClient,
  type AwsJsonClientOptions,
  type AwsJsonService,
} from '../../../lib/aws/aws-json-client';
import { AwsJsonError } from '../../../lib/aws/aws-json-error';
import { TEST_CREDENTIALS } from '../../support/local-dynamodb';
import {
  startLocalAwsJsonServer,
  type LocalAwsJsonServer,
  type ScriptedAnswer,
} from '../../support/local-aws-json';

const SERVICE: AwsJsonService = {
  signingName: 'ssm',
  endpointPrefix: 'ssm',
  endpointVariable: 'SSM',
  targetPrefix: 'AmazonSSM',
  jsonVersion: '1.1',
};
const INPUT = { Name: '/tencent-css-recordings/test/callback-key', WithDecryption: true };

let server: LocalAwsJsonServer | undefined;
let client: AwsJsonClient | undefined;
/** The waits the client asked for between attempts (recorded, not waited). */
let sleeps: number[];

beforeEach(() => {
  sleeps = [];
});

afterEach(async () => {
  client?.destroy();
  client = undefined;
  await server?.stop();
  server = undefined;
});

/** A client of the local server that records its backoff instead of waiting it out. */
function clientOf(endpoint: string, options: AwsJsonClientOptions = {}): AwsJsonClient {
  client = createAwsJsonClient(SERVICE, {
    region: 'us-east-1',
    endpoint,
    credentials: () => TEST_CREDENTIALS,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.999,
    ...options,
  });
  return client;
}

async function serve(...answers: ScriptedAnswer[]): Promise<LocalAwsJsonServer> {
  server = await startLocalAwsJsonServer({ service: 'ssm' }, answers);
  return server;
}

/** The error a call threw; fails the test when it did not throw an AwsJsonError. */
async function failureOf(call: Promise<unknown>): Promise<AwsJsonError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AwsJsonError);
  return error as AwsJsonError;
}

const error400 = (type: string, message = 'injected') => ({
  status: 400,
  body: { __type: type, message },
});

describe('the request', () => {
  it('is signed with SigV4 as AWS checks it, names the operation in X-Amz-Target and returns the answer', async () => {
    const local = await serve({ status: 200, body: { Parameter: { Value: 'secret' } } });

    const answer = await clientOf(local.endpoint).call('GetParameter', INPUT);

    expect(answer).toEqual({ Parameter: { Value: 'secret' } });
    expect(local.requests).toEqual([
      expect.objectContaining({
        target: 'AmazonSSM.GetParameter',
        contentType: 'application/x-amz-json-1.1',
        body: INPUT,
        signedCorrectly: true,
      }),
    ]);
  });

  it('speaks JSON 1.0 to a JSON 1.0 service (DynamoDB)', async () => {
    server = await startLocalAwsJsonServer({ service: 'dynamodb' }, [{ status: 200, body: {} }]);
    client = createAwsJsonClient(
      {
        ...SERVICE,
        signingName: 'dynamodb',
        targetPrefix: 'DynamoDB_20120810',
        jsonVersion: '1.0',
      },
      { region: 'us-east-1', endpoint: server.endpoint, credentials: () => TEST_CREDENTIALS },
    );

    await client.call('PutItem', { TableName: 't', Item: {} });

    expect(server.requests[0]).toMatchObject({
      target: 'DynamoDB_20120810.PutItem',
      contentType: 'application/x-amz-json-1.0',
      signedCorrectly: true,
    });
  });

  it('signs the session token of temporary credentials (a Lambda role)', async () => {
    const credentials = { ...TEST_CREDENTIALS, sessionToken: 'role-session-token' };
    server = await startLocalAwsJsonServer({ service: 'ssm', credentials }, [{ status: 200 }]);

    await clientOf(server.endpoint, { credentials: () => credentials }).call('GetParameter', INPUT);

    expect(server.requests[0]).toMatchObject({
      securityToken: 'role-session-token',
      signedCorrectly: true,
    });
  });

  it('reads the credentials from the Lambda environment by default', async () => {
    const local = await serve({ status: 200, body: {} });
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    });
    delete process.env.AWS_SESSION_TOKEN;
    try {
      client = createAwsJsonClient(SERVICE, { region: 'us-east-1', endpoint: local.endpoint });
      await client.call('GetParameter', INPUT);
    } finally {
      process.env = saved;
    }

    expect(local.requests[0]?.signedCorrectly).toBe(true);
  });

  it('is refused by the server when signed with the wrong secret: the check is real', async () => {
    const local = await serve({ status: 200, body: {} });

    const error = await failureOf(
      clientOf(local.endpoint, {
        credentials: () => ({ ...TEST_CREDENTIALS, secretAccessKey: 'wrong' }),
      }).call('GetParameter', INPUT),
    );

    expect(error).toMatchObject({ code: 'InvalidSignatureException', statusCode: 400 });
    expect(local.requests).toHaveLength(1);
  });

  it('reuses one connection for consecutive calls (keep-alive, as across warm invocations)', async () => {
    const local = await serve();
    const ssm = clientOf(local.endpoint);

    for (let call = 0; call < 3; call++) await ssm.call('GetParameter', INPUT);

    expect(local.requests).toHaveLength(3);
    expect(local.connections).toBe(1);
  });

  it('passes the invocation X-Ray trace on when it runs in Lambda', async () => {
    const local = await serve({ status: 200 });
    const saved = { ...process.env };
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'callback';
    process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    try {
      await clientOf(local.endpoint).call('GetParameter', INPUT);
    } finally {
      process.env = saved;
    }

    expect(local.requests[0]).toMatchObject({
      traceId: 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
      signedCorrectly: true,
    });
  });

  it('sends nothing and says why when there are no credentials', async () => {
    const local = await serve();
    const ssm = clientOf(local.endpoint, {
      credentials: () => {
        throw new Error('Environment variables AWS_ACCESS_KEY_ID and ... are required');
      },
    });

    await expect(ssm.call('GetParameter', INPUT)).rejects.toThrow(/AWS_ACCESS_KEY_ID/);
    expect(local.requests).toHaveLength(0);
  });
});

describe('retries', () => {
  it('retries a 500 after a jittered backoff and returns the answer that follows', async () => {
    const local = await serve(
      { status: 500, body: { __type: 'InternalServerError', message: 'injected' } },
      { status: 200, body: { Parameter: { Value: 'secret' } } },
    );

    const answer = await clientOf(local.endpoint).call('GetParameter', INPUT);

    expect(answer).toEqual({ Parameter: { Value: 'secret' } });
    expect(local.requests).toHaveLength(2);
    expect(local.requests.every((request) => request.signedCorrectly)).toBe(true);
    expect(sleeps).toEqual([99]); // 0.999 of the first ceiling, 100 ms
  });

  it.each<[string, ScriptedAnswer]>([
    ['HTTP 429 with no code', { status: 429, body: '' }],
    ['ThrottlingException', error400('ThrottlingException')],
    [
      'ProvisionedThroughputExceededException',
      error400('com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException'),
    ],
    ['RequestLimitExceeded', error400('RequestLimitExceeded')],
    ['TooManyRequestsException', error400('TooManyRequestsException')],
    [
      'a throttling code in the x-amzn-errortype header',
      {
        status: 400,
        headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/' },
        body: {},
      },
    ],
  ])('retries throttling (%s) after the longer throttling backoff', async (_name, throttled) => {
    const local = await serve(throttled, { status: 200, body: { ok: true } });

    const answer = await clientOf(local.endpoint).call('GetParameter', INPUT);

    expect(answer).toEqual({ ok: true });
    expect(local.requests).toHaveLength(2);
    expect(sleeps).toEqual([499]); // 0.999 of the throttling ceiling, 500 ms
  });

  it('gives up after maxAttempts, the backoff ceiling doubling, and throws the last error', async () => {
    const local = await serve();
    local.otherwise = { status: 503, body: { __type: 'ServiceUnavailable', message: 'down' } };

    const error = await failureOf(
      clientOf(local.endpoint, { maxAttempts: 3 }).call('GetParameter', INPUT),
    );

    expect(error).toMatchObject({
      service: 'ssm',
      operation: 'GetParameter',
      code: 'ServiceUnavailable',
      statusCode: 503,
      attempts: 3,
      networkError: false,
    });
    expect(local.requests).toHaveLength(3);
    expect(sleeps).toEqual([99, 199]);
  });

  it('does not retry a 400 ValidationException, and maps its code, message and body', async () => {
    const local = await serve({
      status: 400,
      body: {
        __type: 'com.amazon.coral.validate#ValidationException',
        message: '1 validation error detected: Value at name failed to satisfy constraint',
      },
    });

    const error = await failureOf(clientOf(local.endpoint).call('GetParameter', INPUT));

    expect(error).toMatchObject({
      name: 'ValidationException',
      code: 'ValidationException',
      statusCode: 400,
      attempts: 1,
      networkError: false,
      timedOut: false,
      body: { __type: 'com.amazon.coral.validate#ValidationException' },
    });
    expect(error.message).toBe(
      'ssm GetParameter: 1 validation error detected: Value at name failed to satisfy constraint',
    );
    expect(local.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a 200 whose body is not JSON: the service may have done the work', async () => {
    const local = await serve({ status: 200, body: '<html>proxy</html>' });

    const error = await failureOf(clientOf(local.endpoint).call('GetParameter', INPUT));

    expect(error).toMatchObject({ code: 'InvalidResponse', statusCode: 200, attempts: 1 });
    expect(local.requests).toHaveLength(1);
  });
});

describe('timeouts and network errors', () => {
  it('cuts a hung endpoint off at the request timeout, retries it, and counts the attempts', async () => {
    const local = await serve();
    local.otherwise = 'hang';
    const started = Date.now();

    const error = await failureOf(
      clientOf(local.endpoint, { maxAttempts: 2, requestTimeoutMs: 300 }).call(
        'GetParameter',
        INPUT,
      ),
    );

    expect(error).toMatchObject({
      code: 'TimeoutError',
      timedOut: true,
      networkError: true,
      attempts: 2,
    });
    expect(error.statusCode).toBeUndefined();
    expect(error.message).toMatch(/no answer within 300 ms/);
    expect(local.requests).toHaveLength(2);
    // Two attempts of 300 ms, the backoff not waited: the timeout really fired.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries an answer cut off halfway (the connection reset) and returns the next one', async () => {
    const local = await serve('cut', { status: 200, body: { Parameter: { Value: 'secret' } } });

    const answer = await clientOf(local.endpoint).call('GetParameter', INPUT);

    expect(answer).toEqual({ Parameter: { Value: 'secret' } });
    expect(local.requests).toHaveLength(2);
    expect(sleeps).toEqual([99]);
  });

  it('retries a refused connection, then throws a typed network error', async () => {
    const closed = await unusedPort();

    const error = await failureOf(
      clientOf(`http://127.0.0.1:${closed}`, { maxAttempts: 3 }).call('GetParameter', INPUT),
    );

    expect(error).toMatchObject({
      code: 'NetworkingError',
      networkError: true,
      timedOut: false,
      attempts: 3,
    });
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(sleeps).toHaveLength(2);
  });

  it('gives up on a connection that never completes (no TLS handshake) at the connection timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket)); // accepts TCP, never speaks TLS
    const port = await listenOn(silent);
    const started = Date.now();
    try {
      const error = await failureOf(
        clientOf(`https://127.0.0.1:${port}`, {
          maxAttempts: 1,
          connectionTimeoutMs: 200,
          requestTimeoutMs: 10_000,
        }).call('GetParameter', INPUT),
      );

      expect(error).toMatchObject({ code: 'TimeoutError', timedOut: true, attempts: 1 });
      expect(error.message).toMatch(/no connection within 200 ms/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

async function listenOn(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on: one the system just gave out and took back. */
async function unusedPort(): Promise<number> {
  const probe = createServer();
  const port = await listenOn(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
