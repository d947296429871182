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
  /** The streams to read, each from when (a push that began before the window is read whole). */
  streams: { stream: string; from: string }[];
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
  /** The job is done: its checkpoint goes, and the end of the window it read is kept. */
  complete(job: string, windowEnd: string): Promise<void>;
  /** The end of the window the job last finished reading, if it ever did. */
  lastCompleted(job: string): Promise<string | undefined>;
}
