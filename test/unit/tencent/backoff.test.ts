import { backoffDelay, withBackoff } from '../../../lib/tencent/backoff';

describe('backoffDelay', () => {
  it('doubles from the base, half fixed and half random', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, { random: () => 0 }))).toEqual([
      125, 250, 500, 1000,
    ]);
    const highest = [1, 2, 3, 4].map((retry) => backoffDelay(retry, { random: () => 0.999999 }));
    expect(highest.map(Math.round)).toEqual([250, 500, 1000, 2000]);
  });

  it('never waits longer than the cap', () => {
    expect(backoffDelay(20, { maxDelayMs: 3000, random: () => 0.999999 })).toBeLessThanOrEqual(
      3000,
    );
  });

  it('waits at least a second over the first four retries, so a throttled burst moves on', () => {
    const total = [1, 2, 3, 4].reduce(
      (sum, retry) => sum + backoffDelay(retry, { random: () => 0 }),
      0,
    );

    expect(total).toBeGreaterThan(1000);
  });
});

describe('withBackoff', () => {
  const noWait = { sleep: async () => undefined };

  it('returns the first success', async () => {
    const operation = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new Error('busy'))
      .mockResolvedValueOnce('done');

    await expect(withBackoff(operation, () => true, noWait)).resolves.toBe('done');
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it('rethrows at once an error it may not retry', async () => {
    const operation = jest.fn<Promise<string>, []>().mockRejectedValue(new Error('fatal'));

    await expect(withBackoff(operation, () => false, noWait)).rejects.toThrow('fatal');
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('rethrows the last error after the attempts', async () => {
    const operation = jest.fn<Promise<string>, []>().mockRejectedValue(new Error('busy'));

    await expect(withBackoff(operation, () => true, { ...noWait, attempts: 3 })).rejects.toThrow(
      'busy',
    );
    expect(operation).toHaveBeenCalledTimes(3);
  });
});
