import { TokenBucket } from '../../../lib/tencent/rate-limiter';

/** A clock that only moves when a caller sleeps, so the bucket's waits can be read exactly. */
function fakeTime() {
  const time = { now: 0, slept: [] as number[] };
  return Object.assign(time, {
    clock: () => time.now,
    sleep: async (ms: number) => {
      time.slept.push(ms);
    },
  });
}

describe('TokenBucket', () => {
  it('lets a full second of requests through at once', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerSecond: 20, now: time.clock, sleep: time.sleep });

    for (let i = 0; i < 20; i++) await bucket.take();

    expect(time.slept).toEqual([]);
  });

  it('makes the requests beyond it wait their turn, one rate interval apart', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerSecond: 20, now: time.clock, sleep: time.sleep });

    await Promise.all(Array.from({ length: 23 }, () => bucket.take()));

    expect(time.slept).toEqual([50, 100, 150]);
  });

  it('refills with time, up to its capacity', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({
      ratePerSecond: 10,
      capacity: 2,
      now: time.clock,
      sleep: time.sleep,
    });
    await bucket.take();
    await bucket.take();

    time.now += 10_000; // a long quiet spell earns no more than the capacity
    await bucket.take();
    await bucket.take();
    await bucket.take();

    expect(time.slept).toEqual([100]);
  });

  it('refuses a rate that could never let anything through', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow(RangeError);
    expect(() => new TokenBucket({ capacity: 0.5 })).toThrow(RangeError);
  });
});
