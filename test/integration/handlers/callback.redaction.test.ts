import fc from 'fast-check';
import { signCallback } from '../../../lib/callback/sign-callback';
import { FIXTURES, fixture, uniqueStreamId } from '../../support/fixtures';
import { postCallback, type HttpHandler } from '../../../fakes/http-api-event';
import { loadHandler, TEST_KEY } from '../../support/load-handler';
import { eventsOfStream, handlerEnvironment, useLocalAws } from '../../support/local-aws';
import {
  harmlessName,
  placed,
  placement,
  secretName,
  secretValue,
} from '../../support/secret-placements';
import { readItem } from '../../support/table';

/*
 * The redaction property through the real handler, table and bus: what the unit property checks
 * on the normalised record, checked here on what leaves the service (the item, the event, the
 * answer and every log line). Fewer runs: each one is a real write and a real PutEvents.
 */
const RUNS = 50;

const aws = useLocalAws();
let handler: HttpHandler;

beforeAll(async () => {
  handler = await loadHandler('../../handlers/callback', handlerEnvironment(aws));
});

/** Sends the documented callback with the pair placed in it; returns all that left the service. */
async function deliver(fields: object, overrides: object = {}) {
  const streamId = uniqueStreamId('redaction');
  const payload = fixture(FIXTURES.documented, { ...fields, stream_id: streamId, ...overrides });

  const answer = await postCallback(handler, signCallback(payload, TEST_KEY));

  const key = { stream_id: streamId, file_id: '1234567890' };
  return {
    answer,
    item: JSON.stringify((await readItem(aws.db, aws.tableName, key)) ?? null),
    events: JSON.stringify(eventsOfStream(aws.bus, streamId)),
    log: aws.output.text(),
  };
}

it(`stores, publishes and logs no secret placed under a secret-bearing name (${RUNS} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(secretName, secretValue, placement, async (name, value, where) => {
      const { answer, item, events, log } = await deliver(placed(where, name, value));

      expect(answer.statusCode).toBe(200);
      expect(item).toContain('"stream_id"');
      expect(events).toContain('Recording File Created');
      for (const output of [item, events, log, answer.raw]) expect(output).not.toContain(value);
    }),
    { numRuns: RUNS },
  );
}, 120_000);

it(`stores and publishes the same value under a harmless name (${RUNS} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(harmlessName, secretValue, placement, async (name, value, where) => {
      const { answer, item, events } = await deliver(placed(where, name, value));

      expect(answer.statusCode).toBe(200);
      expect(item).toContain(value);
      expect(events).toContain(value);
    }),
    { numRuns: RUNS },
  );
}, 120_000);

it(`answers and logs no secret when it rejects the callback that carries it (${RUNS} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(secretName, secretValue, placement, async (name, value, where) => {
      const { answer, log } = await deliver(placed(where, name, value), { file_size: 'big' });

      expect(answer.statusCode).toBe(400);
      expect(answer.raw).not.toContain(value);
      expect(log).not.toContain(value);
    }),
    { numRuns: RUNS },
  );
}, 120_000);
