import { TencentFault } from '../../../local-tencent/tencent-fault';
import {
  formatBeijing,
  formatInStyle,
  formatUtc,
  parseQueryTime,
  parseUtcTime,
} from '../../../local-tencent/tencent-time';
import { errorThrownBy } from '../../support/thrown';

const NOON_UTC = Date.parse('2027-03-01T12:00:00Z');

describe('Tencent times', () => {
  it('reads UTC times and writes them without milliseconds', () => {
    expect(parseUtcTime('StartTime', '2027-03-01T12:00:00Z')).toBe(NOON_UTC);
    expect(formatUtc(NOON_UTC + 999)).toBe('2027-03-01T12:00:00Z');
  });

  it('reads Beijing time (UTC+8) written with a space, and writes it back', () => {
    expect(parseQueryTime('StartTime', '2027-03-01 20:00:00')).toEqual({
      ms: NOON_UTC,
      style: { kind: 'beijing' },
    });
    expect(formatBeijing(NOON_UTC)).toBe('2027-03-01 20:00:00');
  });

  it('answers in the style the query used, an offset included', () => {
    const { ms, style } = parseQueryTime('StartTime', '2027-03-01T20:00:00+08:00');

    expect(ms).toBe(NOON_UTC);
    expect(formatInStyle(NOON_UTC, style)).toBe('2027-03-01T20:00:00+08:00');
    expect(formatInStyle(NOON_UTC, { kind: 'offset', offset: '-05:30' })).toBe(
      '2027-03-01T06:30:00-05:30',
    );
  });

  it.each([
    [
      'a time with an offset where only UTC is documented',
      () => parseUtcTime('StartTime', '2027-03-01T20:00:00+08:00'),
    ],
    ['a date alone', () => parseQueryTime('EndTime', '2027-03-01')],
    ['milliseconds', () => parseQueryTime('EndTime', '2027-03-01T12:00:00.000Z')],
    ['an impossible date', () => parseUtcTime('StartTime', '2027-13-45T12:00:00Z')],
  ])('refuses %s with InvalidParameterValue', (_problem, parse) => {
    const fault = errorThrownBy<unknown>(parse);

    expect(fault).toBeInstanceOf(TencentFault);
    expect((fault as TencentFault).code).toBe('InvalidParameterValue');
  });
});
