import fc from 'fast-check';
import { BACKOFF, backoffDelayMs, isRetryable } from '../../../lib/aws/aws-retry';

const answered = (statusCode: number, code = 'SomeError') => ({
  code,
  statusCode,
  networkError: false,
});

describe('isRetryable', () => {
  it.each([
    ['a refused connection', { code: 'NetworkingError', networkError: true }],
    ['a timeout', { code: 'TimeoutError', networkError: true }],
    ['HTTP 500', answered(500, 'InternalServerError')],
    ['HTTP 503', answered(503, 'ServiceUnavailable')],
    ['HTTP 429 without a code', answered(429, 'UnknownError')],
    ['ThrottlingException', answered(400, 'ThrottlingException')],
    [
      'ProvisionedThroughputExceededException',
      answered(400, 'ProvisionedThroughputExceededException'),
    ],
    ['RequestLimitExceeded', answered(400, 'RequestLimitExceeded')],
    ['TooManyRequestsException', answered(400, 'TooManyRequestsException')],
  ])('retries %s', (_name, error) => {
    expect(isRetryable(error)).toBe(true);
  });

  it.each([
    ['ValidationException', answered(400, 'ValidationException')],
    ['ConditionalCheckFailedException', answered(400, 'ConditionalCheckFailedException')],
    ['ResourceNotFoundException', answered(400, 'ResourceNotFoundException')],
    ['AccessDeniedException', answered(400, 'AccessDeniedException')],
    ['ParameterNotFound', answered(400, 'ParameterNotFound')],
    ['a 200 that is not JSON', answered(200, 'InvalidResponse')],
  ])('does not retry %s: it would fail the same way', (_name, error) => {
    expect(isRetryable(error)).toBe(false);
  });
});

describe('backoffDelayMs', () => {
  it('waits between 0 and a ceiling that doubles from 100 ms (500 ms when throttled)', () => {
    const highest = () => 0.999999;

    expect([1, 2, 3].map((attempt) => backoffDelayMs(attempt, false, highest))).toEqual([
      99, 199, 399,
    ]);
    expect([1, 2, 3].map((attempt) => backoffDelayMs(attempt, true, highest))).toEqual([
      499, 999, 1999,
    ]);
    expect(backoffDelayMs(1, true, () => 0)).toBe(0);
  });

  it('stays within [0, min(cap, base × 2^(attempt-1))) for any attempt and jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, throttled, jitter) => {
          const base = throttled ? BACKOFF.throttledBaseMs : BACKOFF.baseMs;
          const ceiling = Math.min(BACKOFF.maxMs, base * 2 ** (attempt - 1));
          const delay = backoffDelayMs(attempt, throttled, () => jitter);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(ceiling);
        },
      ),
    );
  });
});
