/** What a reconciliation found and did; each one is also a metric of the scheduled run. */
export interface ReconcileCounts {
  /** Streams whose history was read (one or more days each). */
  streamsChecked: number;
  /**
   * Deliveries found in Tencent's history: Tencent records every attempt, so a callback retried
   * five times is six of them (the metric `ReconcileCallbacksFound`).
   */
  callbacksFound: number;
  /**
   * The distinct, valid callbacks those deliveries hold: each is counted once below, as recovered,
   * verified, already verified, replaced or not comparable.
   */
  distinctCallbacks: number;
  /** Missing here: brought in through the store-and-publish path (or, in a dry run, would be). */
  recovered: number;
  /** Held here with exactly the content Tencent sent: now marked verified. */
  verified: number;
  /** Held here and verified by an earlier run. */
  alreadyVerified: number;
  /** Held here with other content than Tencent sent: replaced by Tencent's (version + 1). */
  replaced: number;
  /** History entries that are not a valid callback: skipped, counted, the run goes on. */
  invalid: number;
  /** Held by a version of the service that kept no fingerprint of the body: left as they are. */
  notComparable: number;
  /** Requests to Tencent's API, and how many of them Tencent throttled (then retried). */
  apiCalls: number;
  throttled: number;
}

export interface ReconcileReport extends ReconcileCounts {
  window: { start: string; end: string };
  streams: number;
  /** (stream, day) pairs read, of all the window holds. */
  unitsDone: number;
  units: number;
  /** False when the run stopped before the end (its deadline); the next run resumes. */
  complete: boolean;
  dryRun: boolean;
  /**
   * Delivered records Tencent's history has not confirmed for longer than the configured time:
   * never sent by Tencent (a forged body with a captured `sign`), or history that Tencent lost.
   */
  unverified: number;
}

export function emptyCounts(): ReconcileCounts {
  return {
    streamsChecked: 0,
    callbacksFound: 0,
    distinctCallbacks: 0,
    recovered: 0,
    verified: 0,
    alreadyVerified: 0,
    replaced: 0,
    invalid: 0,
    notComparable: 0,
    apiCalls: 0,
    throttled: 0,
  };
}
