import {
  formatBytes,
  formatDuration,
  formatTime,
  oneLine,
} from '../../../lib/events/summary-format';

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

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [42, '42s'],
    [60, '1m00s'],
    [154, '2m34s'],
    [3600, '1h00m00s'],
    [3725, '1h02m05s'],
    [90061, '25h01m01s'],
    [-1, '?s'],
    [NaN, '?s'],
  ])('%p seconds is %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [277941079, '265.1 MiB'],
    [1073741824, '1.0 GiB'],
    [-5, '? B'],
  ])('%p bytes is %p', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
