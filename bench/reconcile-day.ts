/**
 * What `npm run bench:reconcile` measures (bench/commands/bench-reconcile.ts reads its command
 * line): what reconciling a day of Tencent history costs, against the local Tencent (which
 * enforces Tencent's 20 requests a second over a sliding window) and the tests' DynamoDB and
 * EventBridge fakes, in one process, the client keeping to TENCENT_REQUESTS_PER_SECOND (15).
 * Measures; asserts nothing; never part of `npm test`.
 *
 *   1. N streams (1,000 by default), one 8-hour push each on yesterday's UTC day: push start and
 *      end and 16 recordings, none of them received (every callback is recovered and published);
 *   2. the same day again (every callback held and verified: a scheduled run's steady state);
 *   3. 20 streams with a screenshot every 10 s on top (2,880 a stream), for what screenshots add.
 */
import type { Server } from 'node:http';
import { createDynamoDbClient, createEventBridgeClient } from '../lib/aws/clients';
import { DynamoDbCheckpointStore } from '../lib/aws/dynamodb-checkpoint-store';
import { EventBridgeEventPublisher } from '../lib/aws/eventbridge-event-publisher';
import { serviceTablesWithListings } from '../lib/aws/tables';
import { signCallback } from '../lib/callback/sign-callback';
import { reconcile } from '../lib/reconcile/reconcile';
import type { ReconcileReport } from '../lib/reconcile/report';
import { requestsPerSecondFrom, SlidingWindowLimiter, TencentCloudLiveApi } from '../lib/tencent';
import { FAKE_AWS_CREDENTIALS, FAKE_AWS_REGION } from '../fakes/credentials';
import { startLocalDynamoDb } from '../fakes/dynamodb';
import { startLocalEventBridge } from '../fakes/eventbridge';
import { recordingBody } from '../fakes/fixtures';
import { startLocalTencent, type LocalTencent } from '../local-tencent/server';
import { ensureServiceTables } from '../scripts/local/tables';

const CREDENTIALS = { secretId: 'AKIDbenchReconcile000001', secretKey: 'benchReconcileSecret0001' };
const AWS = { region: FAKE_AWS_REGION, credentials: FAKE_AWS_CREDENTIALS };
const DAY = 86_400_000;

interface Measured {
  label: string;
  report: ReconcileReport;
  seconds: number;
  dynamoDbRequests: number;
  putEventsRequests: number;
}

/**
 * Measures the three runs against a fresh local Tencent, DynamoDB and bus, and returns the report
 * (Markdown). Progress goes to `progress`.
 */
export async function benchReconcile(
  { streams }: { streams: number },
  progress: (line: string) => void,
): Promise<string> {
  const requestsPerSecond = requestsPerSecondFrom(process.env);
  // One for the process, as a command or a function container has: the runs follow each other at
  // once, and Tencent counts the last second of one with the first second of the next.
  const rateLimiter = new SlidingWindowLimiter({ requestsPerSecond });
  const yesterday = new Date(Math.floor(Date.now() / DAY) * DAY - DAY);
  const window = { start: yesterday, end: new Date(yesterday.getTime() + DAY) };

  const counts = { dynamoDb: 0, putEvents: 0 };
  const [dynamo, bus, tencent] = await Promise.all([
    startLocalDynamoDb(),
    startLocalEventBridge(),
    startLocalTencent({ port: 0, credentials: CREDENTIALS }),
  ]);
  countRequests(dynamo.server, counts, 'dynamoDb');
  countRequests(bus.server, counts, 'putEvents');
  // A day of recoveries publishes some 20,000 events: count them, keep none.
  bus.onAccepted = () => bus.accepted.splice(0);
  const names = { tableName: 'bench-recordings', eventsTableName: 'bench-events' };
  await ensureServiceTables(dynamo.client, names);

  const log = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: () => {},
    appendKeys: () => {},
  };
  const runOnce = async (label: string, job: string): Promise<Measured> => {
    const tableClient = createDynamoDbClient({ endpoint: dynamo.endpoint, ...AWS, maxAttempts: 5 });
    const busClient = createEventBridgeClient({ endpoint: bus.endpoint, ...AWS });
    const usage = { apiCalls: 0, throttled: 0 };
    const before = { ...counts };
    const started = performance.now();
    const report = await reconcile(
      {
        ...serviceTablesWithListings({ ...names, highVolumeRetentionDays: 30 }, tableClient),
        publisher: new EventBridgeEventPublisher('bench', busClient),
        log,
        checkpoints: new DynamoDbCheckpointStore(names.eventsTableName, tableClient),
        tencent: new TencentCloudLiveApi({
          credentials: CREDENTIALS,
          endpoint: tencent.url,
          rateLimiter,
          observer: { requested: () => usage.apiCalls++, throttled: () => usage.throttled++ },
        }),
        usage,
        now: () => new Date(),
      },
      { job, window, unverifiedAfterHours: 6 },
    );
    const seconds = (performance.now() - started) / 1000;
    tableClient.destroy();
    busClient.destroy();
    return {
      label,
      report,
      seconds,
      dynamoDbRequests: counts.dynamoDb - before.dynamoDb,
      putEventsRequests: counts.putEvents - before.putEvents,
    };
  };

  progress(`bench: ${streams} streams, yesterday's history ...`);
  preload(tencent, streams, yesterday, { recordings: 16, screenshotEverySeconds: 0 });
  const recovering = await runOnce(`${streams} streams, every callback missing (recovered)`, 'a');
  const steady = await runOnce(`${streams} streams again, every callback held (verified)`, 'b');
  tencent.state.reset();
  progress('bench: 20 streams with a screenshot every 10 s ...');
  preload(tencent, 20, yesterday, { recordings: 16, screenshotEverySeconds: 10, prefix: 'shots' });
  const screenshots = await runOnce('20 streams with a screenshot every 10 s (recovered)', 'c');

  await Promise.all([tencent.close(), dynamo.stop(), bus.stop()]);
  return render([recovering, steady, screenshots], streams, requestsPerSecond);
}

/** Each stream pushes 8 hours of `day`; Tencent's history holds every callback it sent, none answered. */
function preload(
  tencent: LocalTencent,
  streams: number,
  day: Date,
  {
    recordings,
    screenshotEverySeconds,
    prefix = 'room',
  }: { recordings: number; screenshotEverySeconds: number; prefix?: string },
): void {
  const base = recordingBody();
  for (let index = 0; index < streams; index++) {
    const stream = `${prefix}-${index}`;
    const start = new Date(day.getTime() + 3_600_000 + (index % 600) * 60_000);
    const end = new Date(start.getTime() + 8 * 3_600_000);
    tencent.state.addPushSession({ domain: 'push.example.com', stream, start, end });
    const seconds = Math.floor(start.getTime() / 1000);
    const sequence = `${1_000_000 + index}`;
    const send = (eventType: number, at: number, body: object) =>
      tencent.state.addCallbackRecord({
        stream,
        eventType,
        time: new Date(at * 1000),
        request: signCallback(body, 'bench'),
        resultCode: -1,
      });
    send(1, seconds, {
      event_type: 1,
      stream_id: stream,
      sequence,
      event_time: seconds,
      app: 'push.example.com',
      appname: 'live',
    });
    for (let file = 0; file < recordings; file++) {
      const endTime = seconds + 1800 * (file + 1);
      send(100, endTime, {
        ...base,
        stream_id: stream,
        channel_id: stream,
        file_id: `${sequence}${file}`,
        start_time: endTime - 1800,
        end_time: endTime,
        duration: 1800,
      });
    }
    if (screenshotEverySeconds > 0) {
      for (let at = seconds; at < seconds + 8 * 3600; at += screenshotEverySeconds) {
        send(200, at, {
          event_type: 200,
          stream_id: stream,
          create_time: at,
          pic_url: `/shots/${stream}/${at}.jpg`,
          file_size: 40_000,
        });
      }
    }
    send(0, seconds + 8 * 3600, {
      event_type: 0,
      stream_id: stream,
      sequence,
      event_time: seconds + 8 * 3600,
      errcode: 0,
      errmsg: '',
    });
  }
}

function render(runs: Measured[], streams: number, requestsPerSecond: number): string {
  const rows = runs.map(
    ({ label, report, seconds, dynamoDbRequests, putEventsRequests }) =>
      `| ${label} | ${report.callbacksFound.toLocaleString('en')} | ${report.distinctCallbacks.toLocaleString('en')} | ${report.recovered.toLocaleString('en')} | ${(report.verified + report.alreadyVerified).toLocaleString('en')} | ${report.apiCalls.toLocaleString('en')} | ${report.throttled} | ${seconds.toFixed(1)} s | ${dynamoDbRequests.toLocaleString('en')} | ${putEventsRequests.toLocaleString('en')} |`,
  );
  return [
    `Reconciling one UTC day of Tencent history, measured by \`npm run bench:reconcile\` on ${new Date().toISOString().slice(0, 10)} (Node.js ${process.version}; the client at ${requestsPerSecond} requests a second per action, the local Tencent enforcing 20 in any sliding second).`,
    '',
    '| run | deliveries in history | callbacks | recovered | verified | Tencent API calls | throttled | wall time | DynamoDB requests | PutEvents requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Per stream-day without screenshots: ${(runs[0]!.report.apiCalls / streams).toFixed(2)} API calls.`,
  ].join('\n');
}

function countRequests(server: Server, counts: Record<string, number>, name: string): void {
  server.prependListener('request', () => (counts[name] = (counts[name] ?? 0) + 1));
}
