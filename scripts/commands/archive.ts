// `npm run archive -- --since <time> [--until <time>] [--stream NAME]... [--dry-run]`
// `npm run archive -- --from-dead-letters [--dry-run]`
import { defineCommand, runMain } from '../cli/command';
import { UsageError } from '../cli/errors';
import { TARGET_OPTIONS } from '../cli/target';
import { timeValue } from '../cli/values';
import { runArchive, type ArchiveHooks } from '../archive/run-archive';

export const archiveCommand = defineCommand({
  summary: `Copies into the archive bucket the recordings that have none: those of a window (made
before the archive was turned on, or whose copy failed), and those waiting in the archive's
dead-letter queue. Each goes through the archive function's own code path (a copy left unfinished
resumes); a line per recording, then what the run came to.`,
  usage: [
    'npm run archive -- --since <time> [--until <time>] [--stream NAME]... [--dry-run]',
    'npm run archive -- --from-dead-letters [--since <time> ...] [--dry-run]',
  ],
  options: {
    since: {
      type: 'string',
      value: '<time>',
      help:
        "the window's start, by the recordings' end_time: an ISO time\n" +
        '(2026-12-01T00:00:00Z) or a duration back from now (90m, 6h, 30d)',
    },
    until: { type: 'string', value: '<time>', help: "the window's end (default: now)" },
    stream: {
      type: 'string',
      multiple: true,
      value: 'NAME',
      help: 'only this stream (repeatable; default: every stream, a Scan of the table)',
    },
    'from-dead-letters': {
      type: 'boolean',
      help:
        "archive the recording of each message in the archive's dead-letter\n" +
        'queue, then delete the message (deployed stages only)',
    },
    'dry-run': {
      type: 'boolean',
      help: 'list what would be archived; copy, change and delete nothing',
    },
    ...TARGET_OPTIONS,
  },
  notes: `Against a deployed stage it reads the stack's outputs (the stage must be deployed with
--param="archiveRecordings=true"), the VOD hotlink key, the table, the bucket, the bus and the
queue with your shell's AWS credentials. A recording that fails is counted and the run goes on;
the run then exits 1, and the same command run again retries what is left (docs/archive.md).`,
  run: async ({ values }, io, hooks: ArchiveHooks) => {
    const fromDeadLetters = values['from-dead-letters'] === true;
    if (values.since === undefined) {
      if (!fromDeadLetters) {
        throw new UsageError(
          'Give --since (where the window starts), or --from-dead-letters (the queue alone).',
        );
      }
      const windowOnly = values.until !== undefined ? '--until' : values.stream && '--stream';
      if (windowOnly) throw new UsageError(`${windowOnly} narrows a window: give --since too.`);
    }
    const now = new Date();
    const since = values.since === undefined ? undefined : timeValue('--since', values.since, now);
    const until = values.until === undefined ? now : timeValue('--until', values.until, now);
    if (since !== undefined && !(since < until)) {
      throw new UsageError(
        `--until (${until.toISOString()}) is not after --since (${since.toISOString()}): the window runs from --since to --until.`,
      );
    }
    return runArchive(
      {
        stage: values.stage,
        region: values.region,
        ...(since !== undefined && {
          window: { since, until, ...(values.stream && { streams: values.stream }) },
        }),
        fromDeadLetters,
        dryRun: values['dry-run'] === true,
      },
      io,
      hooks,
    );
  },
});

if (require.main === module) runMain(archiveCommand);
