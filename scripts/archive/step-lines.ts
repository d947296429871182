import { ArchiveOutcome } from '../../lib/archive/archive-recording';
import type { BackfillReport, BackfillStep, RecordingWindow } from '../../lib/archive/backfill';
import { ArchiveError } from '../../lib/archive/errors';
import type { ItemKey } from '../../lib/record/record';
import { awsFailureLine } from '../cli/aws-errors';

/*
 * What `npm run archive` prints, as a person reads it: one line per recording as it is done, then
 * what the run came to. Error messages come from lib/archive, whose messages never carry a hotlink
 * key or a signed URL.
 */

/** What each outcome says beside the recording's id. */
const OUTCOME_TEXT: Record<ArchiveOutcome | 'would-archive', string> = {
  [ArchiveOutcome.archived]: 'archived',
  [ArchiveOutcome.announced]: 'archived before; its Recording File Archived event published now',
  [ArchiveOutcome.alreadyArchived]: 'already archived',
  [ArchiveOutcome.superseded]:
    "replaced by a newer version meanwhile (that version's own event archives it)",
  [ArchiveOutcome.missing]: 'no such recording any more: nothing to archive',
  'would-archive': 'would be archived',
};

/** `<stream_id>/<file_id>`: the recording's id, as events and the README name it. */
export function recordingId(key: ItemKey): string {
  return `${key.stream_id ?? ''}/${key.file_id ?? ''}`;
}

/** The line for one step of a run. */
export function describeStep(step: BackfillStep): string {
  if ('letter' in step) {
    return `  message ${step.letter.id}: not a recording's event (${step.unreadable}); kept in the queue`;
  }
  const id = recordingId(step.key);
  if ('error' in step) return `  ${id}: FAILED: ${describeFailure(step.error)}`;
  const text = OUTCOME_TEXT[step.outcome];
  if (step.outcome === ArchiveOutcome.archived && step.archive !== undefined) {
    return `  ${id}: ${text}, ${step.archive.uri} (${bytes(step.archive.bytes)})`;
  }
  return `  ${id}: ${text}`;
}

/**
 * Why a recording could not be archived, in one line: the archive's own words, and AWS's when S3,
 * the table or the bus refused (credentials, permissions, a bucket that is not there).
 */
export function describeFailure(error: unknown): string {
  const aws = awsFailureLine(error);
  if (aws !== undefined) return aws;
  if (!(error instanceof Error)) return String(error);
  const cause = error instanceof ArchiveError ? awsFailureLine(error.cause) : undefined;
  return cause === undefined ? error.message : `${error.message} (${cause})`;
}

/** The window's heading: which recordings the run looks at. */
export function describeWindow(window: RecordingWindow, dryRun: boolean): string {
  const streams =
    window.streams === undefined || window.streams.length === 0
      ? 'of every stream'
      : `of ${window.streams.length === 1 ? 'stream' : 'streams'} ${window.streams.join(', ')}`;
  return (
    `Recordings ${streams} that ended from ${window.since.toISOString()} to ` +
    `${window.until.toISOString()} and have no archive${dryRun ? ' (dry run: nothing is changed)' : ''}:`
  );
}

/** What a run came to, once every step is printed. */
export function describeReport(
  report: BackfillReport,
  { dryRun, what }: { dryRun: boolean; what: 'window' | 'dead-letters' },
): string {
  const found =
    what === 'window'
      ? count(report.found, 'recording') + ' to archive'
      : count(report.found, 'message') + ' in the dead-letter queue';
  if (dryRun) {
    const unreadable = report.failed > 0 ? `, ${report.failed} unreadable` : '';
    return `${found}${unreadable}. Dry run: nothing was changed.`;
  }
  if (what === 'window') {
    return (
      `${found}: ${report.archived} archived, ${report.settled} with nothing left to do, ` +
      `${report.failed} failed.`
    );
  }
  return (
    `${found}: ${report.archived} archived and ${report.settled} with nothing left to do ` +
    `(their messages deleted), ${report.failed} failed (their messages kept).`
  );
}

/**
 * The run's last line when some recordings failed: how many, and how to try them again (the same
 * command: a window's run archives only what has no archive yet; a drain finds the messages it
 * kept).
 */
export function failedLine(report: BackfillReport, what: 'window' | 'dead-letters'): string {
  const recordings = count(report.failed, 'recording');
  return what === 'window'
    ? `${recordings} of the window could not be archived (see its line above): fix the cause, then ` +
        'run the same command again (it archives only what has no archive yet)'
    : `${count(report.failed, 'message')} of the dead-letter queue could not be archived and ` +
        `${report.failed === 1 ? 'stays' : 'stay'} in it (see above): fix the cause, then run ` +
        'the same command again';
}

function count(value: number, one: string): string {
  return `${value} ${one}${value === 1 ? '' : 's'}`;
}

function bytes(value: number): string {
  return `${value.toLocaleString('en-US')} ${value === 1 ? 'byte' : 'bytes'}`;
}
