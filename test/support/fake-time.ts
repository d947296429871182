/**
 * A clock that moves only when a test says so, and the timers that go with it: a limiter or a
 * backoff given `now` and `sleep` from here waits exactly as long as it decides, on any machine.
 */
export interface FakeTime {
  now(): number;
  /** Resolves once the clock has been moved `ms` on. */
  sleep(ms: number): Promise<void>;
  /** Runs `action` when the clock reaches `at` (at once if it is already there, on the next run). */
  at(at: number, action: () => void): void;
  /** Moves the clock to `to`, running every timer due on the way, in order, each with its promises settled. */
  advanceTo(to: number): Promise<void>;
  /** Runs every timer there is, however far ahead, until none is left. */
  runAll(): Promise<void>;
}

export function fakeTime(start = 0): FakeTime {
  let now = start;
  let sequence = 0;
  const timers: { at: number; order: number; action: () => void }[] = [];
  const at = (time: number, action: () => void) => {
    timers.push({ at: Math.max(time, now), order: sequence++, action });
  };
  const next = () => {
    timers.sort((a, b) => a.at - b.at || a.order - b.order);
    return timers[0];
  };
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  const advanceTo = async (to: number) => {
    await settle();
    for (let timer = next(); timer !== undefined && timer.at <= to; timer = next()) {
      timers.shift();
      now = timer.at;
      timer.action();
      await settle();
    }
    now = Math.max(now, to);
  };

  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((resolve) => at(now + ms, resolve)),
    at,
    advanceTo,
    runAll: async () => {
      await settle();
      for (let timer = next(); timer !== undefined; timer = next()) await advanceTo(timer.at);
    },
  };
}
