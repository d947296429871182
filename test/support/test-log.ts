import type { Log } from '../../lib/log';

export type TestLog = { [K in keyof Log]: jest.MockedFunction<Log[K]> };

/** A `Log` whose every method is a jest mock, so tests can assert what was logged. */
export function createTestLog(): TestLog {
  return {
    debug: jest.fn(),
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    appendKeys: jest.fn(),
  };
}
