import { randomUUID } from 'node:crypto';
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Log } from '../log';
import type { ItemKey } from '../record/record';
import type { ArchiveRecords } from './archive-records';
import { archivedEventDetail, type ArchivedEventSink } from './archived-event';
import type { CopyContext, CopyResult } from './copy-context';
import { copyFile } from './copy-file';
import { copyHls } from './copy-hls';
import { CopyLease } from './copy-lease';
import { CopyBusyError, LeaseLostError, SizeMismatchError } from './errors';
import { planArchive } from './key-plan';
import type { ArchiveObjectStore } from './object-store';
import { DEFAULT_COPY_SETTINGS, type CopySettings } from './settings';
import type { RecordingSource } from './source';
import type { ArchiveProgress, ArchiveRecord, ArchiveState } from './types';

export interface ArchiveDeps {
  records: ArchiveRecords;
  objects: ArchiveObjectStore;
  source: RecordingSource;
  events: ArchivedEventSink;
  log: Log;
  /** Milliseconds the invocation has left. */
  timeLeftMs: () => number;
  now?: () => Date;
  settings?: Partial<CopySettings>;
  /** Waits between looks at a copy another attempt holds; tests pass one that moves their clock. */
  sleep?: (ms: number) => Promise<void>;
}

export const ArchiveOutcome = {
  /** Copied, recorded on the item and announced. */
  archived: 'archived',
  /** Copied and recorded by an earlier attempt, which did not get to announce it: announced now. */
  announced: 'announced',
  /** Nothing to do: this version is archived and announced (a redelivery). */
  alreadyArchived: 'already-archived',
  /** The item was replaced by a new version meanwhile: that version's own event archives it. */
  superseded: 'superseded',
  /** No such item (deleted by a person): nothing to archive. */
  missing: 'missing',
} as const;
export type ArchiveOutcome = (typeof ArchiveOutcome)[keyof typeof ArchiveOutcome];

export interface ArchiveResult {
  outcome: ArchiveOutcome;
  id?: string;
  version?: number;
  /** What the item records (`archive`), for an outcome that archived or found it archived. */
  archive?: ArchiveRecord;
}

/**
 * Archives one recording into the bucket, from its item (the event that triggered it only names
 * it), exactly once per version however often it is triggered:
 *
 *   item archived, nothing in progress        -> nothing to do (no copy, no event)
 *   a copy held by a live attempt             -> wait for its lease to pass or the copy to end
 *   nothing, or a copy whose lease has passed -> take it (a conditional write), then
 *        copy (resuming from the progress found), record `archive`, announce, finish
 *   archived but not announced                -> announce, finish
 *
 * A failed attempt leaves its progress on the item and its lease ended, and throws: the bus and
 * Lambda retry it, and the retry resumes. The event goes out after `archive` is on the item and
 * before the progress is removed, so an attempt stopped in between announces again on its retry:
 * at worst a duplicate with the same `id` and `version`, never a missing event.
 */
export async function archiveRecording(deps: ArchiveDeps, key: ItemKey): Promise<ArchiveResult> {
  const settings = { ...DEFAULT_COPY_SETTINGS, ...deps.settings };
  const now = deps.now ?? (() => new Date());
  const taken = await takeCopy(deps, key, settings, now);
  if ('outcome' in taken) return taken;
  const { state, lease } = taken;
  const { recording } = state;
  const described = { id: recording.id, version: recording.version };

  if (state.archive !== undefined) {
    await announce(deps, lease, state, state.archive);
    return { outcome: ArchiveOutcome.announced, ...described, archive: state.archive };
  }

  const resumed = lease.progress.bytes;
  deps.log.info(resumed > 0 ? 'resuming the copy' : 'copying', {
    ...described,
    ...(resumed > 0 && { copiedBytes: resumed }),
    attempt: lease.progress.attempts,
  });
  const context: CopyContext = {
    objects: deps.objects,
    source: deps.source,
    lease,
    log: deps.log,
    settings,
    timeLeftMs: deps.timeLeftMs,
  };
  let copied: CopyResult;
  try {
    const plan = planArchive(recording);
    copied =
      plan.layout === 'file'
        ? await copyFile(context, plan, recording.videoUrl)
        : await copyHls(context, plan, recording.videoUrl);
  } catch (error) {
    if (error instanceof LeaseLostError) {
      deps.log.info(
        'the recording changed while it was copied; its new version is archived',
        described,
      );
      return { outcome: ArchiveOutcome.superseded, ...described };
    }
    // Progress stays (a mismatch already dropped it); the next attempt need not wait for the lease.
    if (!(error instanceof SizeMismatchError)) await releaseQuietly(deps, lease);
    throw error;
  }

  const archive: ArchiveRecord = {
    uri: deps.objects.uriOf(copied.key),
    bytes: copied.bytes,
    ...(copied.checksum !== undefined && { checksum: copied.checksum }),
    archivedAt: now().toISOString(),
  };
  if (!(await deps.records.markArchived(key, lease.holder, archive))) {
    deps.log.info(
      'the recording changed while it was copied; its new version is archived',
      described,
    );
    return { outcome: ArchiveOutcome.superseded, ...described };
  }
  await announce(deps, lease, state, archive);
  deps.log.info('archived', { ...described, uri: archive.uri, bytes: archive.bytes });
  return { outcome: ArchiveOutcome.archived, ...described, archive };
}

type Taken = { state: ArchiveState; lease: CopyLease } | ArchiveResult;

/** Reads the item and takes the copy, waiting while another attempt holds it. */
async function takeCopy(
  deps: ArchiveDeps,
  key: ItemKey,
  settings: CopySettings,
  now: () => Date,
): Promise<Taken> {
  const sleep = deps.sleep ?? ((ms: number) => sleepFor(ms));
  const holder = randomUUID();
  const canWaitMs = deps.timeLeftMs() - settings.stopBeforeEndMs;
  let waitedMs = 0;
  for (;;) {
    const state = await deps.records.read(key);
    if (state === undefined) {
      deps.log.warn('no such recording: nothing to archive', { key });
      return { outcome: ArchiveOutcome.missing };
    }
    const { recording, progress: found } = state;
    if (state.archive !== undefined && found === undefined) {
      return {
        outcome: ArchiveOutcome.alreadyArchived,
        id: recording.id,
        version: recording.version,
        archive: state.archive,
      };
    }
    const at = now();
    const heldForMs = found === undefined ? 0 : Date.parse(found.leaseUntil) - at.getTime();
    if (heldForMs > 0 && found !== undefined) {
      const waitMs = Math.min(settings.leasePollMs, heldForMs);
      if (waitedMs + waitMs > canWaitMs) throw new CopyBusyError(recording.id, found.leaseUntil);
      deps.log.info('another attempt holds the copy: waiting', {
        id: recording.id,
        leaseUntil: found.leaseUntil,
      });
      await sleep(waitMs);
      waitedMs += waitMs;
      continue;
    }
    const leaseUntil = new Date(at.getTime() + settings.leaseSeconds * 1000).toISOString();
    const progress: ArchiveProgress =
      found === undefined
        ? { holder, leaseUntil, attempts: 1, startedAt: at.toISOString(), bytes: 0 }
        : { ...found, holder, leaseUntil, attempts: found.attempts + 1 };
    if (await deps.records.take(key, recording.version, progress, found)) {
      const lease = new CopyLease(
        deps.records,
        key,
        recording.id,
        progress,
        settings.leaseSeconds,
        now,
      );
      return { state, lease };
    }
    // Another attempt took it (or the item changed) between the read and the write: look again.
  }
}

/**
 * Publishes `Recording File Archived`, then removes the progress. If the bus does not take it, the
 * lease is ended and the attempt fails: its retry finds `archive` with the progress and announces.
 */
async function announce(
  deps: ArchiveDeps,
  lease: CopyLease,
  state: ArchiveState,
  archive: ArchiveRecord,
): Promise<void> {
  try {
    await deps.events.announce(archivedEventDetail(state.recording, archive));
  } catch (error) {
    await releaseQuietly(deps, lease);
    throw error;
  }
  if (!(await deps.records.finish(state.recording.key, lease.holder))) {
    deps.log.info('the recording changed after it was announced', { id: state.recording.id });
  }
}

async function releaseQuietly(deps: ArchiveDeps, lease: CopyLease): Promise<void> {
  await lease.release().catch((error: unknown) => {
    // The lease then passes on its own, and the next attempt waits for it.
    deps.log.warn('could not end the lease on the copy', { id: lease.id, error });
  });
}
