// `npm run reconcile -- --since <time> [--until <time>] [--stream S]... [--dry-run]`
// `npm run reconcile -- --list-unverified [--older-than <duration>]`
import { parseArgs } from 'node:util';
import { DynamoDbCheckpointStore } from '../../lib/aws/dynamodb-checkpoint-store';
import { EventBridgeEventPublisher } from '../../lib/aws/eventbridge-event-publisher';
import { serviceTablesWithListings } from '../../lib/aws/tables';
import { DEFAULT_HIGH_VOLUME_RETENTION_DAYS, DEFAULT_UNVERIFIED_AFTER_HOURS } from '../../lib/config';
import { reconcile, type ReconcileJob } from '../../lib/reconcile/reconcile';
import type { ReconcileReport } from '../../lib/reconcile/report';
import { parseTime } from '../../lib/reconcile/window';
import { TencentError } from '../../lib/tencent/errors';
import { consoleIo, type CliIo } from '../cli/io';
import { busClientFor, CliError, resolveTarget, tableClientFor } from '../cli/target';
import { tencentConnection } from '../cli/tencent-connection';
import { runCli } from '../cli/command';

const usage = () => `Reads Tencent's callback history and brings the service in line with it: what
Tencent sent and the service never received is stored and published (recovered), what it holds
is marked verified, what it holds with other content is replaced by Tencent's.

Usage: npm run reconcile -- --since <time> [--until <time>] [--stream NAME]... [--dry-run]
       npm run reconcile -- --list-unverified [--older-than <duration>]

  --since <time>       the window's start: an ISO time (2026-11-28T10:00:00Z) or a duration back
                       from now (90m, 6h, 2d); Tencent keeps 14 days
  --until <time>       the window's end (default: now)
  --stream NAME        only this stream (repeatable; default: every stream live in the window)
  --event-type N       only callbacks of this event_type (0, 1, 100 or 200; repeatable; default all)
  --dry-run            read and compare, change nothing
  --list-unverified    list delivered records Tencent's history has not confirmed
  --older-than <d>     with --list-unverified: unconfirmed for longer than this (default ${DEFAULT_UNVERIFIED_AFTER_HOURS}h)
  --stage S, --region R  the deployed stage (default: the running local stack, else dev)

Against a deployed stage it reads Tencent with TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY
and the tables and bus with your shell's AWS credentials. A run stopped half-way (Ctrl-C) resumes
where it was when run again with the same options.`;

export async function main(argv: string[], io: CliIo = consoleIo()): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      stream: { type: 'string', multiple: true },
      'event-type': { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      'list-unverified': { type: 'boolean' },
      'older-than': { type: 'string' },
      stage: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(usage());
    return 0;
  }
  const now = new Date();
  const target = await resolveTarget(values, io.env);
  const tableClient = tableClientFor(target);
  const tables = serviceTablesWithListings(
    { ...target, highVolumeRetentionDays: DEFAULT_HIGH_VOLUME_RETENTION_DAYS },
    tableClient,
  );
  try {
    if (values['list-unverified']) {
      return await listUnverified(
        tables.stores,
        values['older-than'] ?? `${DEFAULT_UNVERIFIED_AFTER_HOURS}h`,
        now,
        io,
      );
    }
    if (values.since === undefined) {
      throw new CliError(`Give --since (or --list-unverified).\n\n${usage()}`);
    }
    const window = {
      start: timeOption(values.since, now, '--since'),
      end: values.until === undefined ? now : timeOption(values.until, now, '--until'),
    };
    if (!(window.start < window.end)) throw new CliError('--since must be before --until');
    const eventTypes = values['event-type']?.map((text) => eventTypeOption(text));
    const counted = { apiCalls: 0, throttled: 0 };
    const tencent = tencentConnection(target, io.env, {
      observer: { requested: () => counted.apiCalls++, throttled: () => counted.throttled++ },
    });
    const busClient = busClientFor(target);
    io.out(`Tables ${target.tableName} and ${target.eventsTableName} (${target.description})`);
    io.out(`Tencent: ${tencent.description}`);
    io.out(
      `Window: ${window.start.toISOString()} to ${window.end.toISOString()}${values['dry-run'] ? ' (dry run: nothing is changed)' : ''}`,
    );
    const job: ReconcileJob = {
      // What the person typed, so that running the same command again resumes the same job.
      job: `cli ${argv.filter((arg) => arg !== '--dry-run').join(' ')}`,
      window,
      ...(values.stream && { streams: values.stream }),
      ...(eventTypes && { eventTypes }),
      dryRun: values['dry-run'] === true,
      unverifiedAfterHours: DEFAULT_UNVERIFIED_AFTER_HOURS,
    };
    try {
      const report = await reconcile(
        {
          ...tables,
          publisher: new EventBridgeEventPublisher(target.eventBusName, busClient),
          log: quietLog,
          checkpoints: new DynamoDbCheckpointStore(target.eventsTableName, tableClient),
          tencent: tencent.api,
          usage: counted,
          now: () => new Date(),
        },
        job,
      );
      for (const line of describeReport(report)) io.out(line);
      return 0;
    } finally {
      busClient.destroy();
    }
  } catch (error) {
    if (error instanceof TencentError) throw new CliError(error.message, { cause: error });
    throw error;
  } finally {
    tableClient.destroy();
  }
}

async function listUnverified(
  stores: ReturnType<typeof serviceTablesWithListings>['stores'],
  olderThan: string,
  now: Date,
  io: CliIo,
): Promise<number> {
  const before = timeOption(olderThan, now, '--older-than');
  let count = 0;
  for (const store of Object.values(stores)) {
    for (const stored of await store.listUnverified(before.toISOString(), 10_000)) {
      io.out(`${stored.id} v${stored.version}  unverified since ${stored.unverifiedSince ?? '?'}`);
      count++;
    }
  }
  io.out(
    `${count} record${count === 1 ? '' : 's'} Tencent's history has not confirmed for more than ${olderThan}.`,
  );
  return 0;
}

/**
 * The report as a person reads it: what Tencent's history held (every retry is a delivery of its
 * own, so deliveries outnumber callbacks), then what became of each callback, adding up to them.
 */
export function describeReport(report: ReconcileReport): string[] {
  const would = report.dryRun ? 'would be ' : '';
  const deliveries = report.callbacksFound - report.invalid;
  const history =
    `Tencent's history: ${count(deliveries, 'delivery', 'deliveries')} of ` +
    count(report.distinctCallbacks, 'callback') +
    (report.invalid > 0
      ? `, and ${count(report.invalid, 'entry', 'entries')} that ${report.invalid === 1 ? 'is' : 'are'} not a valid callback (skipped)`
      : '');
  return [
    `Streams live in the window: ${report.streams}; read ${report.unitsDone} of ${report.units} stream-days.`,
    history,
    `  recovered (${would}stored and published): ${report.recovered}`,
    `  verified: ${report.verified}`,
    ...(report.alreadyVerified > 0
      ? [`  verified by an earlier run: ${report.alreadyVerified}`]
      : []),
    `  replaced by Tencent's content (${would}published again): ${report.replaced}`,
    ...(report.notComparable > 0
      ? [`  held by an older version, left as they are: ${report.notComparable}`]
      : []),
    `Requests to Tencent: ${report.apiCalls} (${report.throttled} throttled and retried)`,
    `Unverified records (delivered, not confirmed by Tencent's history for ${DEFAULT_UNVERIFIED_AFTER_HOURS} h): ${report.unverified}${report.unverified > 0 ? ': npm run reconcile -- --list-unverified' : ''}`,
    report.complete ? 'Done.' : 'Stopped before the end: run the same command again to resume.',
  ];
}

function count(value: number, one: string, many = `${one}s`): string {
  return `${value} ${value === 1 ? one : many}`;
}

function timeOption(text: string, now: Date, option: string): Date {
  try {
    return parseTime(text, now, option);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

function eventTypeOption(text: string): number {
  if (!['0', '1', '100', '200'].includes(text.trim())) {
    throw new CliError(`--event-type ${text}: Tencent's history holds 0, 1, 100 and 200 only`);
  }
  return Number(text);
}

/** The command reports its counts at the end; the per-record lines are for the function's log. */
const quietLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
  appendKeys: () => undefined,
};

if (require.main === module) runCli(() => main(process.argv.slice(2)), usage);
