import type { ItemKey } from '../record/record';
import { archiveRecording, type ArchiveDeps, type ArchiveOutcome } from './archive-recording';
import { recordingKeyOf } from './trigger';
import type { ArchiveRecord } from './types';

/*
 * What `npm run archive` runs (the command itself is thin: it parses options, wires the adapters
 * and prints each step): archiving the recordings of a window that have no archive, and draining
 * the dead-letter queue, both through `archiveRecording`, the function's own code path.
 */

/** A window of recordings, by when they ended (Tencent's `end_time`). */
export interface RecordingWindow {
  since: Date;
  until: Date;
  /** Only these streams; all when absent. */
  streams?: readonly string[];
}

/** The recordings table's recordings still to archive: no `archive`, or a copy left unfinished. */
export interface ArchiveCandidates {
  list(window: RecordingWindow): AsyncIterable<ItemKey>;
}

/** One message of the dead-letter queue: the `Recording File Created` event that failed. */
export interface DeadLetter {
  /** The message's own id (SQS's MessageId), the same on every receive. */
  id: string;
  body: string;
  /** What deleting it takes (SQS's receipt handle). */
  receipt: string;
}

export interface DeadLetterQueue {
  /**
   * Up to `max` messages, hidden from the next receives for a while (so a drain sees each once);
   * with `peek`, for a few seconds only (a dry run changes nothing). Empty when the queue is.
   */
  receive(max: number, options?: { peek?: boolean }): Promise<DeadLetter[]>;
  delete(letter: DeadLetter): Promise<void>;
  /** Makes a received message visible again at once, for the next drain. */
  release(letter: DeadLetter): Promise<void>;
}

/** What happened to one recording, as it happens: the command prints a line per step. */
export type BackfillStep =
  | { key: ItemKey; outcome: ArchiveOutcome | 'would-archive'; archive?: ArchiveRecord }
  | { key: ItemKey; error: unknown }
  | { letter: DeadLetter; unreadable: string };

export interface BackfillReport {
  found: number;
  archived: number;
  /** Archived already, announced now, replaced or gone: nothing left to do for them. */
  settled: number;
  failed: number;
}

export interface BackfillOptions {
  dryRun?: boolean;
  onStep?: (step: BackfillStep) => void;
}

/**
 * Archives every recording of the window that has no archive, one after the other (each copy is
 * itself parallel), going on past failures; `dryRun` lists them only.
 */
export async function backfill(
  deps: ArchiveDeps & { candidates: ArchiveCandidates },
  window: RecordingWindow,
  { dryRun = false, onStep }: BackfillOptions = {},
): Promise<BackfillReport> {
  const report: BackfillReport = { found: 0, archived: 0, settled: 0, failed: 0 };
  for await (const key of deps.candidates.list(window)) {
    report.found++;
    if (dryRun) {
      onStep?.({ key, outcome: 'would-archive' });
      continue;
    }
    await archiveOne(deps, key, report, onStep);
  }
  return report;
}

/** Messages taken from the queue at once (SQS's most). */
export const DEAD_LETTERS_PER_RECEIVE = 10;

/**
 * Archives the recording of every message in the dead-letter queue, deleting each message whose
 * recording is settled (archived now or before, replaced, or gone); a message whose archive fails
 * again stays for the next drain. `dryRun` lists them, leaving every message where it was.
 *
 * Each message received stays hidden from further receives while the drain runs (so it is seen
 * once); every one not deleted is made visible again at the end, so that a drain run right after
 * (the real one after a dry run, a retry after a fix) finds it.
 */
export async function drainDeadLetters(
  deps: ArchiveDeps & { letters: DeadLetterQueue },
  { dryRun = false, onStep }: BackfillOptions = {},
): Promise<BackfillReport> {
  const report: BackfillReport = { found: 0, archived: 0, settled: 0, failed: 0 };
  const seen = new Set<string>();
  const kept: DeadLetter[] = [];
  try {
    for (;;) {
      const letters = await deps.letters.receive(DEAD_LETTERS_PER_RECEIVE, { peek: dryRun });
      const fresh = letters.filter((letter) => !seen.has(letter.id));
      // Done when the queue is empty, or gives back only what this drain saw already (it failed).
      if (fresh.length === 0) return report;
      for (const letter of fresh) {
        seen.add(letter.id);
        report.found++;
        let key: ItemKey;
        try {
          key = recordingKeyOf(JSON.parse(letter.body) as { detail?: unknown });
        } catch (error) {
          report.failed++;
          kept.push(letter);
          onStep?.({ letter, unreadable: error instanceof Error ? error.message : String(error) });
          continue;
        }
        if (dryRun) {
          kept.push(letter);
          onStep?.({ key, outcome: 'would-archive' });
          continue;
        }
        if (await archiveOne(deps, key, report, onStep)) await deps.letters.delete(letter);
        else kept.push(letter);
      }
    }
  } finally {
    // Best effort: a message not released becomes visible anyway once its visibility ends.
    for (const letter of kept) await deps.letters.release(letter).catch(() => undefined);
  }
}

/** Archives one recording; true when nothing is left to do for it. */
async function archiveOne(
  deps: ArchiveDeps,
  key: ItemKey,
  report: BackfillReport,
  onStep: BackfillOptions['onStep'],
): Promise<boolean> {
  try {
    const { outcome, archive } = await archiveRecording(deps, key);
    if (outcome === 'archived') report.archived++;
    else report.settled++;
    onStep?.({ key, outcome, ...(archive !== undefined && { archive }) });
    return true;
  } catch (error) {
    report.failed++;
    onStep?.({ key, error });
    return false;
  }
}
