import { deadlineSignal, timeToStop, type CopyContext } from '../../../lib/archive/copy-context';
import { DEFAULT_COPY_SETTINGS } from '../../../lib/archive/settings';

const contextWith = (timeLeftMs: number) =>
  ({ timeLeftMs: () => timeLeftMs, settings: DEFAULT_COPY_SETTINGS }) as unknown as CopyContext;

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('cuts transfers shortly before the invocation ends', () => {
  const { signal, done } = deadlineSignal(contextWith(60_000));
  jest.advanceTimersByTime(60_000 - DEFAULT_COPY_SETTINGS.abortBeforeEndMs - 1);
  expect(signal.aborted).toBe(false);
  jest.advanceTimersByTime(1);
  expect(signal.aborted).toBe(true);
  done();
});

it('never cuts a copy without a deadline (a command a person runs)', () => {
  const { signal, done } = deadlineSignal(contextWith(Number.POSITIVE_INFINITY));
  jest.advanceTimersByTime(30 * 86_400_000);
  expect(signal.aborted).toBe(false);
  done();
});

it('stops starting work with less than the margin left', () => {
  expect(timeToStop(contextWith(DEFAULT_COPY_SETTINGS.stopBeforeEndMs - 1))).toBe(true);
  expect(timeToStop(contextWith(DEFAULT_COPY_SETTINGS.stopBeforeEndMs))).toBe(false);
});
