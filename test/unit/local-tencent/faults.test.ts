import { FaultQueue } from '../../../local-tencent/faults';

describe('FaultQueue', () => {
  it('applies a fault to the next `times` requests of its action, then no more', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'refuse', code: 'RequestLimitExceeded', action: 'A', times: 2 });

    const met = ['B', 'A', 'A', 'A'].map((action) => queue.take(action));

    expect(met).toEqual([
      undefined,
      { kind: 'refuse', code: 'RequestLimitExceeded' },
      { kind: 'refuse', code: 'RequestLimitExceeded' },
      undefined,
    ]);
    expect(queue.size()).toBe(0);
  });

  it('applies a fault without an action to any request, once by default, oldest first', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'hang' });
    queue.add({ kind: 'delay', delayMs: 50 });

    expect([queue.take('A'), queue.take('B'), queue.take('C')]).toEqual([
      { kind: 'hang' },
      { kind: 'delay', delayMs: 50 },
      undefined,
    ]);
  });

  it('forgets the faults not yet applied on clear', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'hang', times: 3 });

    queue.clear();

    expect(queue.take('A')).toBeUndefined();
  });

  it.each([
    ['no request', { kind: 'hang' as const, times: 0 }],
    ['part of a request', { kind: 'hang' as const, times: 1.5 }],
    ['a negative delay', { kind: 'delay' as const, delayMs: -1 }],
  ])('refuses a fault for %s', (_case, fault) => {
    expect(() => new FaultQueue().add(fault)).toThrow(RangeError);
  });
});
