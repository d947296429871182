import { SlidingWindowLimit } from '../../../local-tencent/request-window';

describe('SlidingWindowLimit', () => {
  it('allows the limit in any one second, refuses the rest, and counts each key apart', () => {
    let now = 5_000;
    const limit = new SlidingWindowLimit(2, () => now);

    const first = [limit.allow('a'), limit.allow('a'), limit.allow('a'), limit.allow('b')];
    now = 5_999;
    const withinTheSecond = limit.allow('a');
    now = 6_000;
    const aSecondLater = limit.allow('a');

    expect(first).toEqual([true, true, false, true]);
    expect(withinTheSecond).toBe(false);
    expect(aSecondLater).toBe(true);
  });

  it('counts a burst that spans two clock seconds together, as Tencent does', () => {
    let now = 5_900;
    const limit = new SlidingWindowLimit(2, () => now);

    const endOfOneSecond = [limit.allow('a'), limit.allow('a')];
    now = 6_100; // another clock second, the same sliding one
    const startOfTheNext = limit.allow('a');
    now = 6_900;
    const aSecondAfterTheFirst = limit.allow('a');

    expect(endOfOneSecond).toEqual([true, true]);
    expect(startOfTheNext).toBe(false);
    expect(aSecondAfterTheFirst).toBe(true);
  });

  it('does not count a refused request: only served ones use the quota', () => {
    let now = 0;
    const limit = new SlidingWindowLimit(1, () => now);

    limit.allow('a');
    now = 500;
    limit.allow('a'); // refused
    now = 1_000;

    expect(limit.allow('a')).toBe(true);
  });

  it('forgets every window on clear', () => {
    const limit = new SlidingWindowLimit(1, () => 0);
    limit.allow('a');

    limit.clear();

    expect(limit.allow('a')).toBe(true);
  });
});
