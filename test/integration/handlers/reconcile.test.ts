import { signCallback } from '../../../lib/callback/sign-callback';
import type { ReconcileReport } from '../../../lib/reconcile/report';
import { fixture, FIXTURES, uniqueStreamId } from '../../support/fixtures';
import { lambdaContext } from '../../../fakes/http-api-event';
import { loadHandler } from '../../support/load-handler';
import { eventsOfStream, useLocalAws } from '../../support/local-aws';
import { startLocalSsm, type LocalSsm } from '../../../fakes/ssm';
import { TEST_TENCENT_CREDENTIALS, useLocalTencent } from '../../support/local-tencent';
import { readItem } from '../../support/table';

/*
 * The scheduled function as deployed: its Tencent key from an SSM SecureString, Tencent's API at
 * TENCENTCLOUD_ENDPOINT, metrics for every count; off, and saying so once, without a key.
 */
const aws = useLocalAws();
const local = useLocalTencent();
let ssm: LocalSsm;
const PARAMETER = '/tencent-css-recordings/test/tencent-credentials';

type Reconcile = (
  event: unknown,
  context: ReturnType<typeof lambdaContext>,
) => Promise<ReconcileReport | { off: true }>;

beforeAll(async () => {
  ssm = await startLocalSsm();
});

afterAll(async () => {
  await ssm.stop();
  delete process.env.AWS_ENDPOINT_URL_SSM;
  delete process.env.TENCENTCLOUD_ENDPOINT;
  delete process.env.TENCENT_CREDENTIALS_PARAMETER;
});

/** A scheduled invocation with the function's whole 15 minutes ahead. */
const invoke = (reconcile: Reconcile) =>
  reconcile(
    { source: 'aws.events' },
    {
      ...lambdaContext('reconcile'),
      getRemainingTimeInMillis: () => 900_000,
    },
  );

const load = (parameter: string | undefined) => {
  if (parameter === undefined) delete process.env.TENCENT_CREDENTIALS_PARAMETER;
  return loadHandler<Reconcile>('../../handlers/reconcile', {
    tableName: aws.tableName,
    dynamoDbEndpoint: aws.db.endpoint,
    eventBridgeEndpoint: aws.bus.endpoint,
    extra: {
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
      TENCENTCLOUD_ENDPOINT: local.tencent.url,
      POWERTOOLS_SERVICE_NAME: 'tencent-css-recordings-test-reconcile',
      ...(parameter !== undefined && { TENCENT_CREDENTIALS_PARAMETER: parameter }),
    },
  });
};

/** The structured log lines (Powertools also prints a plain warning when a run has no metric). */
const lines = () =>
  aws.output
    .lines()
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

it('recovers from Tencent history with the key in its SSM parameter, and counts it all in metrics', async () => {
  ssm.parameters.set(PARAMETER, JSON.stringify(TEST_TENCENT_CREDENTIALS));
  const stream = uniqueStreamId('scheduled');
  const now = Date.now();
  local.tencent.state.addPushSession({
    domain: 'push.example.com',
    stream,
    start: new Date(now - 2 * 3_600_000),
    end: new Date(now - 3_600_000),
  });
  const recording = fixture(FIXTURES.documented, { stream_id: stream });
  local.tencent.state.addCallbackRecord({
    stream,
    eventType: 100,
    time: new Date(now - 90 * 60_000),
    request: signCallback(recording, 'any'),
  });
  const reconcile = await load(PARAMETER);

  const report = await invoke(reconcile);

  expect(report).toMatchObject({ recovered: 1, complete: true });
  expect(
    await readItem(aws.db, aws.tableName, { stream_id: stream, file_id: '1234567890' }),
  ).toMatchObject({
    received_via: 'history',
  });
  expect(eventsOfStream(aws.bus, stream)).toHaveLength(1);
  expect(lines().filter((line) => '_aws' in line)).toContainEqual(
    expect.objectContaining({
      ReconcileRecovered: 1,
      ReconcileStreamsChecked: 1,
      // The sessions, then one page for each UTC day the 48 hours touch.
      TencentApiCalls: 1 + (report as ReconcileReport).units,
      RecordsUnverified: 0,
    }),
  );
  expect(aws.output.text()).not.toContain(TEST_TENCENT_CREDENTIALS.secretKey);
});

it('counts the requests Tencent throttled in its metrics, and still finishes', async () => {
  // Injected, not raced for: Tencent refuses the next two history requests, then serves again.
  ssm.parameters.set(PARAMETER, JSON.stringify(TEST_TENCENT_CREDENTIALS));
  const now = Date.now();
  for (let index = 0; index < 2; index++) {
    local.tencent.state.addPushSession({
      domain: 'push.example.com',
      stream: uniqueStreamId('throttled'),
      start: new Date(now - 2 * 3_600_000),
      end: new Date(now - 3_600_000),
    });
  }
  local.tencent.state.injectFault({
    kind: 'refuse',
    code: 'RequestLimitExceeded',
    action: 'DescribeCallbackRecordsList',
    times: 2,
  });
  const reconcile = await load(PARAMETER);

  const report = (await invoke(reconcile)) as ReconcileReport;

  expect(report).toMatchObject({ complete: true, throttled: 2 });
  expect(local.tencent.state.counters.throttled).toBe(2);
  expect(lines().filter((line) => '_aws' in line)).toContainEqual(
    expect.objectContaining({ TencentThrottles: 2, TencentApiCalls: report.apiCalls }),
  );
});

it('reads, on its next run, from where the last run ended (less two hours), not the whole lookback', async () => {
  ssm.parameters.set(PARAMETER, JSON.stringify(TEST_TENCENT_CREDENTIALS));
  const reconcile = await load(PARAMETER);

  const first = (await invoke(reconcile)) as ReconcileReport;
  const second = (await invoke(reconcile)) as ReconcileReport;

  expect(Date.parse(second.window.start)).toBe(Date.parse(first.window.end) - 2 * 3_600_000);
});

it.each([
  ['no parameter is named', undefined],
  ['the parameter does not exist', '/tencent-css-recordings/test/missing'],
])('is off, says so once and does nothing, when %s', async (_case, parameter) => {
  const reconcile = await load(parameter);

  const first = await invoke(reconcile);
  const second = await invoke(reconcile);

  expect(first).toEqual({ off: true });
  expect(second).toEqual({ off: true });
  expect(
    lines().filter((line) => String(line.message).startsWith('reconciliation is off')),
  ).toHaveLength(1);
  expect(local.tencent.state.counters.requests).toEqual({});
});

it('fails the run, naming the parameter, when the key Tencent refuses comes from it', async () => {
  ssm.parameters.set(
    PARAMETER,
    JSON.stringify({ ...TEST_TENCENT_CREDENTIALS, secretKey: 'not the key' }),
  );
  const reconcile = await load(PARAMETER);

  await expect(invoke(reconcile)).rejects.toThrow(
    `check the secretKey in the SSM parameter ${PARAMETER}`,
  );
});
