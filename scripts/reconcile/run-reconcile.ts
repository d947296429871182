import { DynamoDbCheckpointStore } from '../../lib/aws/dynamodb-checkpoint-store';
import { EventBridgeEventPublisher } from '../../lib/aws/eventbridge-event-publisher';
import { serviceTablesWithListings } from '../../lib/aws/tables';
import {
  DEFAULT_HIGH_VOLUME_RETENTION_DAYS,
  DEFAULT_UNVERIFIED_AFTER_HOURS,
} from '../../lib/config';
import type { TimeWindow } from '../../lib/reconcile/window';
import { reconcile, type ReconcileJob } from '../../lib/reconcile/reconcile';
import type { CliIo } from '../cli/io';
import { busClientFor, resolveTarget, tableClientFor, type Target } from '../cli/target';
import { tencentConnection } from '../cli/tencent-connection';
import { describeReport } from './report-lines';

/*
 * What `npm run reconcile` does, once its command line is read (scripts/commands/reconcile.ts):
 * against the local stack or a deployed stage, it reads Tencent's history for a window and brings
 * the tables and the bus in line with it, or lists what the history has not confirmed.
 */

/** Which deployment: the running local stack unless a stage is named. */
export interface TargetArgs {
  stage?: string;
  region?: string;
}

export interface ReconcileArgs extends TargetArgs {
  window: TimeWindow;
  streams?: string[];
  eventTypes?: number[];
  dryRun: boolean;
  /** The job's name: the same name resumes the same job where it was stopped. */
  job: string;
}

/** Reconciles the window; prints where, what and the report. */
export async function reconcileWindow(args: ReconcileArgs, io: CliIo): Promise<number> {
  const target = await resolveTarget(args, io.env);
  return withTables(target, async (tables, tableClient) => {
    const counted = { apiCalls: 0, throttled: 0 };
    const tencent = tencentConnection(target, io.env, {
      observer: { requested: () => counted.apiCalls++, throttled: () => counted.throttled++ },
    });
    const busClient = busClientFor(target);
    io.out(`Tables ${target.tableName} and ${target.eventsTableName} (${target.description})`);
    io.out(`Tencent: ${tencent.description}`);
    io.out(
      `Window: ${args.window.start.toISOString()} to ${args.window.end.toISOString()}${args.dryRun ? ' (dry run: nothing is changed)' : ''}`,
    );
    const job: ReconcileJob = {
      job: args.job,
      window: args.window,
      ...(args.streams && { streams: args.streams }),
      ...(args.eventTypes && { eventTypes: args.eventTypes }),
      dryRun: args.dryRun,
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
  });
}

/** Lists the delivered records Tencent's history has not confirmed since before `before`. */
export async function listUnverified(
  args: TargetArgs & { before: Date; olderThan: string },
  io: CliIo,
): Promise<number> {
  const target = await resolveTarget(args, io.env);
  return withTables(target, async ({ stores }) => {
    let count = 0;
    for (const store of Object.values(stores)) {
      for (const stored of await store.listUnverified(args.before.toISOString(), 10_000)) {
        io.out(
          `${stored.id} v${stored.version}  unverified since ${stored.unverifiedSince ?? '?'}`,
        );
        count++;
      }
    }
    io.out(
      `${count} record${count === 1 ? '' : 's'} Tencent's history has not confirmed for more than ${args.olderThan}.`,
    );
    return 0;
  });
}

async function withTables<T>(
  target: Target,
  use: (
    tables: ReturnType<typeof serviceTablesWithListings>,
    client: ReturnType<typeof tableClientFor>,
  ) => Promise<T>,
): Promise<T> {
  const tableClient = tableClientFor(target);
  try {
    const tables = serviceTablesWithListings(
      { ...target, highVolumeRetentionDays: DEFAULT_HIGH_VOLUME_RETENTION_DAYS },
      tableClient,
    );
    return await use(tables, tableClient);
  } finally {
    tableClient.destroy();
  }
}

/** The command reports its counts at the end; the per-record lines are for the function's log. */
const quietLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
  appendKeys: () => undefined,
};
