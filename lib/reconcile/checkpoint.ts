import type { ReconcileCounts } from './report';

/**
 * How far a reconciliation got: its window, the streams found live in it, and the next
 * (stream, day) to read. A run that must stop (a Lambda's timeout, a Ctrl-C) saves it after
 * every stream-day; the next run of the same job resumes there instead of starting over.
 */
export interface Checkpoint {
  /** `scheduled`, or what identifies a backfill (its window and streams). */
  job: string;
  window: { start: string; end: string };
  streams: string[];
  /** Index of the next unit, in the order `reconcile` reads them (stream by stream, day by day). */
  nextUnit: number;
  /** What the runs of this job did so far. */
  counts: ReconcileCounts;
  startedAt: string;
  updatedAt: string;
}

/** Where checkpoints are kept between runs; implementations throw on failure. */
export interface CheckpointStore {
  load(job: string): Promise<Checkpoint | undefined>;
  save(checkpoint: Checkpoint): Promise<void>;
  clear(job: string): Promise<void>;
}
