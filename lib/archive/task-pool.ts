/**
 * Runs tasks a few at a time: `start` waits for a free slot, so a caller that produces work (a
 * part read from the source) never gets more than `size` ahead of the uploads. The first failure
 * is kept; `drain` waits for every task and reports it.
 */
export class TaskPool {
  private readonly running = new Set<Promise<void>>();
  private firstError: { error: unknown } | undefined;

  constructor(private readonly size: number) {}

  get failed(): boolean {
    return this.firstError !== undefined;
  }

  async start(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.size) await Promise.race(this.running);
    const run: Promise<void> = task()
      .catch((error: unknown) => {
        this.firstError ??= { error };
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Waits for every task; throws the first failure, if any. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
    if (this.firstError !== undefined) throw this.firstError.error;
  }
}
