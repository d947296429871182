import {
  clientConfig,
  DYNAMODB_BUDGET,
  EVENTBRIDGE_BUDGET,
  LOCAL_TIMEOUT_VARIABLE,
} from '../../../lib/aws/clients';

describe("a client's SDK configuration", () => {
  it('is its budget, with a timeout that throws instead of waiting for ever', () => {
    expect(clientConfig(EVENTBRIDGE_BUDGET, {}, {})).toMatchObject({
      maxAttempts: 2,
      requestHandler: {
        connectionTimeout: 1000,
        requestTimeout: 2500,
        throwOnRequestTimeout: true,
      },
    });
  });

  it("takes the caller's overrides", () => {
    const config = clientConfig(
      DYNAMODB_BUDGET,
      { requestTimeoutMs: 200, region: 'eu-west-1' },
      {},
    );

    expect(config).toMatchObject({ maxAttempts: 3, region: 'eu-west-1' });
    expect(config.requestHandler.requestTimeout).toBe(200);
    expect(config).not.toHaveProperty('requestTimeoutMs');
  });

  it("waits at least the local stack's timeout when npm start sets one, never less than its budget", () => {
    const local = { [LOCAL_TIMEOUT_VARIABLE]: '10000' };

    expect(clientConfig(EVENTBRIDGE_BUDGET, {}, local).requestHandler).toMatchObject({
      connectionTimeout: 10_000,
      requestTimeout: 10_000,
    });
    expect(
      clientConfig(EVENTBRIDGE_BUDGET, { requestTimeoutMs: 30_000 }, local).requestHandler
        .requestTimeout,
    ).toBe(30_000);
    expect(
      clientConfig(EVENTBRIDGE_BUDGET, {}, { [LOCAL_TIMEOUT_VARIABLE]: 'soon' }).requestHandler
        .requestTimeout,
    ).toBe(2500);
  });
});
