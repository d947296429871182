import type { ItemKey } from '../record/record';
import type { ArchiveProgress, ArchiveRecord, ArchiveState } from './types';

/**
 * The recordings table as the archive uses it: the recording's item, and two attributes the
 * archiver alone writes on it, `archive_progress` (while a copy is under way) and `archive` (once
 * done). Every write is conditional on the item, so a redelivery, a concurrent attempt or a new
 * version written by a reconcile can never lose or mix an update: the holder of the copy's lease
 * writes progress; a new version (a replaced item) has neither attribute, and is archived again.
 * Implementations throw `ArchiveStorageError` when the table is unavailable.
 */
export interface ArchiveRecords {
  /** The recording and what the archive left on it; undefined when there is no such item. */
  read(key: ItemKey): Promise<ArchiveState | undefined>;
  /**
   * Takes the copy: writes `progress` (held by its `holder`) if the item is still at `version`
   * and `found` is what it holds now (none, or a progress whose lease has passed). False when
   * another attempt was faster.
   */
  take(
    key: ItemKey,
    version: number,
    progress: ArchiveProgress,
    found: ArchiveProgress | undefined,
  ): Promise<boolean>;
  /** Saves progress (and so renews the lease) if `progress.holder` still holds the copy. */
  save(key: ItemKey, progress: ArchiveProgress): Promise<boolean>;
  /** Ends the lease now, keeping the progress, so the next attempt resumes at once. */
  release(key: ItemKey, progress: ArchiveProgress, now: string): Promise<boolean>;
  /** Drops the progress (the copy starts over), if `holder` still holds it. */
  discard(key: ItemKey, holder: string): Promise<boolean>;
  /** Writes `archive`, keeping the lease until the event is out, if `holder` still holds it. */
  markArchived(key: ItemKey, holder: string, archive: ArchiveRecord): Promise<boolean>;
  /** Removes the progress once the event is out: the recording is archived and announced. */
  finish(key: ItemKey, holder: string): Promise<boolean>;
}
