import type { ItemKey } from '../record/record';
import type { ArchiveRecords } from './archive-records';
import { LeaseLostError } from './errors';
import type { ArchiveProgress } from './types';

/**
 * The copy of one recording, held by one attempt: each save writes the progress on the item and
 * renews the lease; saves run one after the other, in the order they were asked. A save that
 * finds the copy no longer ours (the item replaced, the lease taken) throws `LeaseLostError`.
 */
export class CopyLease {
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly records: ArchiveRecords,
    readonly key: ItemKey,
    readonly id: string,
    public progress: ArchiveProgress,
    private readonly leaseSeconds: number,
    private readonly now: () => Date,
  ) {}

  get holder(): string {
    return this.progress.holder;
  }

  /** A lease from now. */
  renewed(): string {
    return new Date(this.now().getTime() + this.leaseSeconds * 1000).toISOString();
  }

  /** Saves `changes` once the saves before it are done; resolves when it is written. */
  save(changes: Partial<ArchiveProgress>): Promise<void> {
    const run = this.saving.then(async () => {
      const next = { ...this.progress, ...changes, leaseUntil: this.renewed() };
      if (!(await this.records.save(this.key, next))) throw new LeaseLostError(this.id);
      this.progress = next;
    });
    // A failed save fails its caller; the next save still runs (and finds the copy lost too).
    this.saving = run.catch(() => undefined);
    return run;
  }

  /** Waits for the saves asked so far. */
  async settled(): Promise<void> {
    await this.saving;
  }

  /** Ends the lease now, progress kept: the next attempt need not wait for it. */
  async release(): Promise<void> {
    await this.settled();
    await this.records.release(this.key, this.progress, this.now().toISOString());
  }

  /** Forgets how far the copy got (it starts over), keeping the lease. */
  async restart(): Promise<void> {
    await this.settled();
    const { holder, leaseUntil, attempts, startedAt } = this.progress;
    this.progress = { holder, leaseUntil, attempts, startedAt, bytes: 0 };
    await this.save({});
  }

  /** Gives the copy up: the progress goes, and the next attempt starts from nothing. */
  async abandon(): Promise<void> {
    await this.settled();
    await this.records.discard(this.key, this.holder);
  }
}
