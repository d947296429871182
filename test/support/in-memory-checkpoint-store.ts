import type { Checkpoint, CheckpointStore } from '../../lib/reconcile/checkpoint';

/**
 * Reconciliation checkpoints in memory, as the DynamoDB store keeps them: one per job, replaced by
 * each save and gone once the job completes, which keeps the end of the window it read. Values are
 * copied in and out, and every save is kept in `saved`, in order, for tests to read.
 */
export class InMemoryCheckpointStore implements CheckpointStore {
  readonly saved: Checkpoint[] = [];
  private readonly current = new Map<string, Checkpoint>();
  private readonly completed = new Map<string, string>();

  async load(job: string): Promise<Checkpoint | undefined> {
    const checkpoint = this.current.get(job);
    return checkpoint && structuredClone(checkpoint);
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    this.saved.push(structuredClone(checkpoint));
    this.current.set(checkpoint.job, structuredClone(checkpoint));
  }

  async complete(job: string, windowEnd: string): Promise<void> {
    this.completed.set(job, windowEnd);
    this.current.delete(job);
  }

  async lastCompleted(job: string): Promise<string | undefined> {
    return this.completed.get(job);
  }
}
