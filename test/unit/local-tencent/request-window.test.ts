import { PerSecondLimit } from '../../../scripts/local/tencent/request-window';

describe('PerSecondLimit', () => {
  it('allows the limit within a second, refuses the rest, and counts each key apart', () => {
    let now = 5_000;
    const limit = new PerSecondLimit(2, () => now);

    const first = [limit.allow('a'), limit.allow('a'), limit.allow('a'), limit.allow('b')];
    now = 5_999;
    const sameSecond = limit.allow('a');
    now = 6_000;
    const nextSecond = limit.allow('a');

    expect(first).toEqual([true, true, false, true]);
    expect(sameSecond).toBe(false);
    expect(nextSecond).toBe(true);
  });
});
