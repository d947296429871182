import fc from 'fast-check';
import { TencentConfigurationError } from '../../../lib/tencent/errors';
import {
  DEFAULT_REQUESTS_PER_SECOND,
  requestsPerSecondFrom,
  SlidingWindowLimiter,
  type Release,
} from '../../../lib/tencent/rate-limiter';
import { fakeTime, type FakeTime } from '../../support/fake-time';

const ACTION = 'DescribeCallbackRecordsList';

function limiterAt(time: FakeTime, requestsPerSecond = 15): SlidingWindowLimiter {
  return new SlidingWindowLimiter({ requestsPerSecond, now: time.now, sleep: time.sleep });
}

/** Asks for `count` turns; `granted` lists each one's release once it has its turn. */
function ask(limiter: SlidingWindowLimiter, count: number, action = ACTION) {
  const granted: Release[] = [];
  for (let index = 0; index < count; index++) {
    void limiter.acquire(action).then((release) => granted.push(release));
  }
  return granted;
}

describe('SlidingWindowLimiter', () => {
  it('sends 15 requests of an action at once, and the 16th only once the first answer is a second old', async () => {
    const time = fakeTime();
    const limiter = limiterAt(time);

    const granted = ask(limiter, 16);
    await time.advanceTo(0);
    const atOnce = granted.length;
    granted.forEach((release) => release()); // every answer in at 0
    await time.advanceTo(1000);
    const atOneSecond = granted.length;
    await time.advanceTo(1001);

    expect(atOnce).toBe(15);
    expect(atOneSecond).toBe(15);
    expect(granted).toHaveLength(16);
  });

  it('counts a request until a second after its answer, however long Tencent took to answer', async () => {
    const time = fakeTime();
    const limiter = limiterAt(time);
    const granted = ask(limiter, 16);
    await time.advanceTo(300);

    granted.forEach((release) => release()); // answered at 300: Tencent may have counted them then
    await time.advanceTo(1300);
    const beforeTheSecond = granted.length;
    await time.advanceTo(1301);

    expect(beforeTheSecond).toBe(15);
    expect(granted).toHaveLength(16);
  });

  it('waits for an answer while the limit is in flight, and counts that answer too', async () => {
    const time = fakeTime();
    const limiter = limiterAt(time);
    const granted = ask(limiter, 16);
    await time.advanceTo(5000);
    const whileNoneAnswered = granted.length;

    granted[0]?.();
    await time.advanceTo(6000);
    const withinTheSecond = granted.length;
    await time.advanceTo(6001);

    expect(whileNoneAnswered).toBe(15);
    expect(withinTheSecond).toBe(15);
    expect(granted).toHaveLength(16);
  });

  it('counts each action apart: Tencent’s quota is per action', async () => {
    const time = fakeTime();
    const limiter = limiterAt(time);

    const history = ask(limiter, 16, 'DescribeCallbackRecordsList');
    const sessions = ask(limiter, 3, 'DescribeLiveStreamEventList');
    await time.advanceTo(0);

    expect(history).toHaveLength(15);
    expect(sessions).toHaveLength(3);
  });

  it('serves waiting callers in the order they asked', async () => {
    const time = fakeTime();
    const limiter = limiterAt(time, 1);
    const order: number[] = [];
    for (let caller = 0; caller < 4; caller++) {
      void limiter.acquire(ACTION).then((release) => {
        order.push(caller);
        release();
      });
    }

    await time.runAll();

    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('ignores a second release of the same request', async () => {
    const time = fakeTime();
    const limiter = limiterAt(time, 2);
    const granted = ask(limiter, 3);
    await time.advanceTo(0);

    granted[0]?.();
    granted[0]?.();
    await time.advanceTo(500);

    // Two releases of one request would have counted as two answers and freed no one: still two
    // in the window (one answered, one in flight), so the third waits.
    expect(granted).toHaveLength(2);
  });

  it('never lets Tencent see more than the limit in any second, whatever the timing of requests and answers', async () => {
    // Tencent stamps each request somewhere between the moment it is sent and its answer. Requests
    // come in bursts (a run after a pause), answers take from nothing to longer than a second.
    const request = fc.record({
      arrivesAt: fc.oneof(
        fc.integer({ min: 0, max: 6 }).map((burst) => burst * 700),
        fc.integer({ min: 0, max: 4200 }),
      ),
      latency: fc.oneof(fc.constantFrom(0, 1, 999, 1000, 1001), fc.integer({ min: 0, max: 1500 })),
      stampedAt: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(request, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 15 }),
        async (requests, limit) => {
          const time = fakeTime();
          const limiter = limiterAt(time, limit);
          const stamps: number[] = [];
          for (const { arrivesAt, latency, stampedAt } of requests) {
            time.at(arrivesAt, () => {
              void limiter.acquire(ACTION).then((release) => {
                const granted = time.now();
                stamps.push(granted + latency * stampedAt);
                time.at(granted + latency, release);
              });
            });
          }

          await time.runAll();

          expect(stamps).toHaveLength(requests.length);
          const most = Math.max(
            ...stamps.map((stamp) => stamps.filter((s) => s > stamp - 1000 && s <= stamp).length),
          );
          expect(most).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([0, 1.5, -1])('refuses a limit of %p', (requestsPerSecond) => {
    expect(() => new SlidingWindowLimiter({ requestsPerSecond })).toThrow(RangeError);
  });
});

describe('requestsPerSecondFrom', () => {
  it('is 15 by default, under Tencent’s 20, leaving room for the customer’s own tools', () => {
    expect(requestsPerSecondFrom({})).toBe(15);
    expect(requestsPerSecondFrom({ TENCENT_REQUESTS_PER_SECOND: ' ' })).toBe(15);
    expect(DEFAULT_REQUESTS_PER_SECOND).toBe(15);
  });

  it('reads TENCENT_REQUESTS_PER_SECOND', () => {
    expect(requestsPerSecondFrom({ TENCENT_REQUESTS_PER_SECOND: '8' })).toBe(8);
    expect(requestsPerSecondFrom({ TENCENT_REQUESTS_PER_SECOND: '20' })).toBe(20);
  });

  it.each(['0', '21', '2.5', 'fast', '-3'])(
    'fails on %p, naming the variable and the range',
    (value) => {
      const read = () => requestsPerSecondFrom({ TENCENT_REQUESTS_PER_SECOND: value });

      expect(read).toThrow(TencentConfigurationError);
      expect(read).toThrow(
        `Environment variable TENCENT_REQUESTS_PER_SECOND must be a whole number from 1 to 20 (Tencent's limit per action), not "${value}"`,
      );
    },
  );
});
