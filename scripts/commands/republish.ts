// `npm run republish -- --list-parked | --retry-parked [--id ID]... [--stage S] [--region R]`
import { parseArgs } from 'node:util';
import { serviceTablesWithListings } from '../../lib/aws/tables';
import { DEFAULT_HIGH_VOLUME_RETENTION_DAYS } from '../../lib/config';
import { listParked, retryParked } from '../../lib/outbox/parked';
import type { StoredRecord } from '../../lib/record/record';
import { CliError, resolveTarget, tableClientFor } from '../cli/target';
import { runCli } from '../cli/command';

const usage = () => `Shows and retries records whose event the bus refused (parked records).

Usage: npm run republish -- --list-parked [--stage S] [--region R]
       npm run republish -- --retry-parked [--id ID]... [--stage S] [--region R]

  --list-parked   list the parked records: id, version, when and why, the bus's last error
  --retry-parked  put parked records back in line (all, or those given with --id); the
                  republisher publishes them on its next run (within 5 minutes)
  --id ID         an event id (<stream_id>/<file_id>), as --list-parked shows it; repeatable
  --stage S       the deployed stage (default: the running local stack, else dev)
  --region R      its AWS region (default: AWS_REGION, else us-east-1)

Against a deployed stage it uses your shell's AWS credentials.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'list-parked': { type: 'boolean' },
      'retry-parked': { type: 'boolean' },
      id: { type: 'string', multiple: true },
      stage: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  if (values['list-parked'] === values['retry-parked']) {
    throw new CliError(`Give one of --list-parked or --retry-parked.\n\n${usage()}`);
  }
  const target = await resolveTarget(values);
  const client = tableClientFor(target);
  const { stores } = serviceTablesWithListings(
    { ...target, highVolumeRetentionDays: DEFAULT_HIGH_VOLUME_RETENTION_DAYS },
    client,
  );
  const tables = `${target.tableName} and ${target.eventsTableName}`;
  try {
    console.log(`Tables ${tables} (${target.description})`);
    if (values['list-parked']) {
      const parked = await listParked(Object.values(stores));
      for (const stored of parked) console.log(describe(stored));
      console.log(`${parked.length} parked record${parked.length === 1 ? '' : 's'}.`);
      return 0;
    }
    const report = await retryParked(Object.values(stores), values.id ? { ids: values.id } : {});
    for (const stored of report.retried)
      console.log(`Back in line: ${stored.id} v${stored.version}`);
    for (const id of report.notParked) console.log(`Not parked, left alone: ${id}`);
    console.log(
      `${report.retried.length} record${report.retried.length === 1 ? '' : 's'} back in line; ` +
        'the republisher publishes them on its next run.',
    );
    return report.notParked.length > 0 ? 1 : 0;
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

runCli(() => main(process.argv.slice(2)), usage);
