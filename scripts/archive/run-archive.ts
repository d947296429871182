import { setTimeout as delay } from 'node:timers/promises';
import type { ArchiveDeps } from '../../lib/archive/archive-recording';
import {
  backfill,
  drainDeadLetters,
  type BackfillReport,
  type BackfillStep,
  type RecordingWindow,
} from '../../lib/archive/backfill';
import { ArchiveError } from '../../lib/archive/errors';
import { awsFailure } from '../cli/aws-errors';
import { CliError } from '../cli/errors';
import type { CliIo } from '../cli/io';
import { resolveTarget, type Target } from '../cli/target';
import { wireArchive } from './archive-wiring';
import { describeReport, describeStep, describeWindow, failedLine } from './step-lines';

/*
 * What `npm run archive` does, once its command line is read (scripts/commands/archive.ts): on the
 * local stack or a deployed stage, it drains the archive's dead-letter queue and archives the
 * recordings of a window that have no archive, through the function's own code path
 * (lib/archive/backfill.ts), a line per recording as it is done.
 */

export interface ArchiveArgs {
  stage?: string;
  region?: string;
  /** The recordings to archive; none: the dead-letter queue alone. */
  window?: RecordingWindow;
  fromDeadLetters: boolean;
  dryRun: boolean;
}

/** What a test may pass in: the wait between two looks at a copy another attempt holds. */
export interface ArchiveHooks {
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Drains the dead-letter queue (when asked), then archives the window (when given); 0 when every
 * recording is settled, 1 (with a line saying how to retry) when some failed.
 */
export async function runArchive(
  args: ArchiveArgs,
  io: CliIo,
  hooks: ArchiveHooks = {},
): Promise<number> {
  const target = await resolveTarget(args, io.env);
  const wiring = await wireArchive(target, { deadLetters: args.fromDeadLetters }, io);
  try {
    for (const line of wiring.description) io.out(line);
    const { deps, onStep } = followed(wiring.deps, io, hooks);
    const failures: string[] = [];
    const finish = (report: BackfillReport, what: 'window' | 'dead-letters') => {
      io.out(describeReport(report, { dryRun: args.dryRun, what }));
      if (report.failed > 0) failures.push(failedLine(report, what));
    };
    if (wiring.letters !== undefined) {
      io.out(
        `The dead-letter queue's recordings${args.dryRun ? ' (dry run: nothing is changed)' : ''}:`,
      );
      const letters = wiring.letters;
      finish(
        await reading(target, 'the dead-letter queue', () =>
          drainDeadLetters({ ...deps, letters }, { dryRun: args.dryRun, onStep }),
        ),
        'dead-letters',
      );
    }
    if (args.window !== undefined) {
      io.out(describeWindow(args.window, args.dryRun));
      const window = args.window;
      finish(
        await reading(target, `the recordings table ${target.tableName}`, () =>
          backfill({ ...deps, candidates: wiring.candidates }, window, {
            dryRun: args.dryRun,
            onStep,
          }),
        ),
        'window',
      );
    }
    if (failures.length > 0) throw new CliError(failures.join('; '));
    return 0;
  } finally {
    wiring.close();
  }
}

/**
 * The deps with a wait that says, once per recording, that another attempt holds its copy (a run
 * stopped with Ctrl-C holds it for a few minutes), and a step printer that ends that recording.
 */
function followed(deps: ArchiveDeps, io: CliIo, hooks: ArchiveHooks) {
  let told = false;
  const sleep = hooks.sleep ?? ((ms: number) => delay(ms));
  return {
    deps: {
      ...deps,
      sleep: async (ms: number) => {
        if (!told) {
          io.out(
            '    note: another attempt is copying the next recording: waiting for it to end, or ' +
              'for its lease to pass (a run stopped with Ctrl-C holds it for 3 minutes)',
          );
          told = true;
        }
        await sleep(ms);
      },
    },
    onStep: (step: BackfillStep) => {
      told = false;
      io.out(describeStep(step));
    },
  };
}

/**
 * Runs a drain or a backfill; the queue or the table failing to be read (credentials, permissions,
 * a table not there) stops it in one line. A recording's own failure does not: it is a step.
 */
async function reading<T>(target: Target, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    const where = target.local === undefined ? target.region : 'the local stack';
    throw new CliError(awsFailure(`read ${what}`, where, error.cause ?? error), { cause: error });
  }
}
