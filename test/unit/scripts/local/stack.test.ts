import { LOCAL_TIMEOUT_VARIABLE } from '../../../../lib/aws/clients';
import { handlerEnvironment } from '../../../../scripts/local/stack';
import { LOCAL_AWS_TIMEOUT_MS, readLocalSettings } from '../../../../scripts/local/settings';

describe("the local handlers' environment", () => {
  const env = handlerEnvironment(
    readLocalSettings({}),
    'http://127.0.0.1:8000',
    'http://127.0.0.1:4569',
  );

  it('points the SDK at the local servers', () => {
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      AWS_ENDPOINT_URL_EVENTBRIDGE: 'http://127.0.0.1:4010',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569',
    });
  });

  it('gives the local endpoints, which share a busy machine, longer than the deployed budgets', () => {
    expect(env[LOCAL_TIMEOUT_VARIABLE]).toBe(String(LOCAL_AWS_TIMEOUT_MS));
    expect(LOCAL_AWS_TIMEOUT_MS).toBeGreaterThanOrEqual(10_000);
  });
});
