import { serviceTablesWithListings } from '../../lib/aws/tables';
import { DEFAULT_HIGH_VOLUME_RETENTION_DAYS } from '../../lib/config';
import { listParked, retryParked } from '../../lib/outbox/parked';
import type { RecordTable } from '../../lib/outbox/record-store';
import type { StoredRecord } from '../../lib/record/record';
import { CliError } from '../cli/errors';
import type { CliIo } from '../cli/io';
import { resolveTarget, tableClientFor } from '../cli/target';

/*
 * What `npm run republish` does, once its command line is read (scripts/commands/republish.ts):
 * lists the records whose event the bus refused (parked), or puts them back in line for the
 * republisher, in the local stack's tables or a deployed stage's.
 */

export interface ParkedArgs {
  stage?: string;
  region?: string;
  /** Retry only these (event ids); all parked records when absent. */
  ids?: string[];
}

/** Lists the parked records: id, version, when and why, the bus's last error. */
export function showParked(args: ParkedArgs, io: CliIo): Promise<number> {
  return withStores(args, io, async (stores) => {
    const parked = await listParked(stores);
    for (const stored of parked) io.out(describe(stored));
    io.out(`${parked.length} parked record${parked.length === 1 ? '' : 's'}.`);
    return 0;
  });
}

/** Puts parked records back in line; 1 when an id given was not parked. */
export function putBackInLine(args: ParkedArgs, io: CliIo): Promise<number> {
  return withStores(args, io, async (stores) => {
    const report = await retryParked(stores, args.ids ? { ids: args.ids } : {});
    for (const stored of report.retried) {
      io.out(`Back in line: ${stored.id} v${stored.version}`);
    }
    for (const id of report.notParked) io.out(`Not parked, left alone: ${id}`);
    io.out(
      `${report.retried.length} record${report.retried.length === 1 ? '' : 's'} back in line; ` +
        'the republisher publishes them on its next run.',
    );
    return report.notParked.length > 0 ? 1 : 0;
  });
}

async function withStores(
  args: ParkedArgs,
  io: CliIo,
  use: (stores: readonly RecordTable[]) => Promise<number>,
): Promise<number> {
  const target = await resolveTarget(args, io.env);
  const client = tableClientFor(target);
  const { stores } = serviceTablesWithListings(
    { ...target, highVolumeRetentionDays: DEFAULT_HIGH_VOLUME_RETENTION_DAYS },
    client,
  );
  const tables = `${target.tableName} and ${target.eventsTableName}`;
  try {
    io.out(`Tables ${tables} (${target.description})`);
    return await use(Object.values(stores));
  } catch (error) {
    throw new CliError(`Could not read the tables ${tables}: ${reason(error)}`, {
      cause: error,
    });
  } finally {
    client.destroy();
  }
}

function describe(stored: StoredRecord): string {
  return `${stored.id} v${stored.version}  parked ${stored.parkedAt ?? '?'} (${stored.parkedReason ?? '?'}, ${stored.publishAttempts ?? 0} attempts)  ${stored.lastError ?? ''}`;
}

function reason(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause ?? error;
  if (cause instanceof Error) {
    if (cause.name === 'ResourceNotFoundException')
      return 'it does not exist (is the stage deployed?)';
    if (/credential/i.test(cause.message)) return `no AWS credentials (${cause.message})`;
    return `${cause.name}: ${cause.message}`;
  }
  return String(cause);
}
