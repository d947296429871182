/**
 * Conditions a test or a person injects into the local Tencent, instead of racing for them: the
 * next requests refused with a given error code, answered late, or never answered. Each applies to
 * the next `times` requests (of one action, or of any) that the local Tencent would otherwise
 * serve: signed, of this API version, of an action it knows.
 */
export type FaultEffect =
  /** Answer with Tencent's error `code` (`RequestLimitExceeded`, `InternalError`, ...). */
  | { kind: 'refuse'; code: string; message?: string }
  /** Answer as usual, `delayMs` milliseconds late. */
  | { kind: 'delay'; delayMs: number }
  /** Never answer: the client's timeout must fire. */
  | { kind: 'hang' };

export type Fault = FaultEffect & {
  /** Only requests of this action; any action when absent. */
  action?: string;
  /** How many requests it applies to (default 1). */
  times?: number;
};

/** The queue of injected faults, oldest first: a request takes the first that matches it. */
export class FaultQueue {
  private readonly pending: (FaultEffect & { action?: string; left: number })[] = [];

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isSafeInteger(times) || times < 1) {
      throw new RangeError('a fault applies to a whole number of requests, at least 1');
    }
    if (fault.kind === 'delay' && !(fault.delayMs >= 0)) {
      throw new RangeError('a delay is a number of milliseconds, at least 0');
    }
    const { times: _times, ...effect } = fault;
    this.pending.push({ ...effect, left: times });
  }

  /** The fault the next request of `action` meets, if any; it counts as applied once. */
  take(action: string): FaultEffect | undefined {
    const index = this.pending.findIndex(
      (fault) => fault.action === undefined || fault.action === action,
    );
    const fault = this.pending[index];
    if (fault === undefined) return undefined;
    fault.left -= 1;
    if (fault.left === 0) this.pending.splice(index, 1);
    const { action: _action, left: _left, ...effect } = fault;
    return effect;
  }

  /** How many requests the pending faults still apply to. */
  size(): number {
    return this.pending.reduce((total, fault) => total + fault.left, 0);
  }

  clear(): void {
    this.pending.length = 0;
  }
}
