import { formatTime, oneLine } from '../../../lib/events/summary-format';

describe('formatTime', () => {
  it.each([
    [1703731478, 'seconds', '2023-12-28 02:44:38 UTC'],
    [1703731574971, 'milliseconds', '2023-12-28 02:46:14.971 UTC'],
    [1703731574000, 'milliseconds', '2023-12-28 02:46:14 UTC'],
    [1703731574007, 'milliseconds', '2023-12-28 02:46:14.007 UTC'],
    [Number.MAX_VALUE, 'seconds', 'time unknown'],
    [NaN, 'milliseconds', 'time unknown'],
    ['1703731478', 'seconds', 'time unknown'],
    [undefined, 'seconds', 'time unknown'],
  ] as const)('%p %s is %p', (value, unit, text) => {
    expect(formatTime(value, unit)).toBe(text);
  });
});

describe('oneLine', () => {
  it('replaces control characters and line separators, and keeps the rest', () => {
    expect(oneLine('a\nb\r\tc\u2028d\u2029e\u0000 f — é')).toBe('a?b??c?d?e? f — é');
  });
});
