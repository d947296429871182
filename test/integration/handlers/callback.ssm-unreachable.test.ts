import { signCallback } from '../../../lib/callback/sign-callback';
import { captureOutput } from '../../support/capture-output';
import { FIXTURES, fixture, uniqueStreamId } from '../../support/fixtures';
import { postCallback } from '../../../fakes/http-api-event';
import { loadHandler, TEST_KEY } from '../../support/load-handler';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../../fakes/dynamodb';
import { createTestTable } from '../../support/local-dynamodb';
import { itemsOfStream } from '../../support/table';
import { UNREACHABLE_ENDPOINT } from '../../support/ports';

// Its own file: the parameter client is created once per process, as in a Lambda container.
let db: LocalDynamoDb;

beforeAll(async () => {
  db = await startLocalDynamoDb();
});

afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_SSM;
  await db.stop();
});

it('answers 503 when the key parameter cannot be read, so Tencent retries, and stores nothing', async () => {
  const output = captureOutput();
  const tableName = await createTestTable(db);
  const handler = await loadHandler('../../handlers/callback', {
    tableName,
    dynamoDbEndpoint: db.endpoint,
    eventBridgeEndpoint: UNREACHABLE_ENDPOINT,
    extra: {
      CALLBACK_KEY_PARAMETER: '/tencent-css-recordings/test/callback-key',
      AWS_ENDPOINT_URL_SSM: UNREACHABLE_ENDPOINT,
    },
  });
  const streamId = uniqueStreamId();

  const answer = await postCallback(
    handler,
    signCallback(fixture(FIXTURES.documented, { stream_id: streamId }), TEST_KEY),
  );
  output.restore();

  expect(answer).toMatchObject({ statusCode: 503, body: { code: 503 } });
  expect(answer.body.message).toMatch(/could not read parameter/);
  expect(await itemsOfStream(db, tableName, streamId)).toHaveLength(0);
});
