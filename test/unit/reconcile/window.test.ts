import {
  HISTORY_DAYS,
  parseTime,
  SCHEDULED_OVERLAP_MS,
  scheduledWindow,
  tencentTime,
  utcDays,
  withinHistory,
} from '../../../lib/reconcile/window';

const NOW = new Date('2026-11-29T12:34:56.000Z');

describe('parseTime', () => {
  it.each([
    ['90m', '2026-11-29T11:04:56.000Z'],
    ['6h', '2026-11-29T06:34:56.000Z'],
    ['2d', '2026-11-27T12:34:56.000Z'],
    [' 1h ', '2026-11-29T11:34:56.000Z'],
    ['2026-11-28T10:00:00Z', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28T10:00:00+08:00', '2026-11-28T02:00:00.000Z'],
    ['2026-11-28', '2026-11-28T00:00:00.000Z'],
  ])('reads %p as %s', (text, expected) => {
    expect(parseTime(text, NOW).toISOString()).toBe(expected);
  });

  it.each(['yesterday', '6', '6 hours', '-2d', '1w', 'Nov 28', ''])(
    'refuses %p, saying what it expects and naming the option',
    (text) => {
      expect(() => parseTime(text, NOW, '--until')).toThrow(
        /^--until ".*" is not a time: give an ISO time .* or a duration back from now \(90m, 6h, 2d\)$/,
      );
    },
  );
});

describe('withinHistory', () => {
  it('moves a start older than Tencent keeps to just inside its 14 days', () => {
    const window = { start: new Date('2026-10-01T00:00:00Z'), end: NOW };

    const kept = withinHistory(window, NOW);

    expect(NOW.getTime() - kept.start.getTime()).toBe(HISTORY_DAYS * 86_400_000 - 60_000);
    expect(kept.end).toBe(NOW);
  });

  it('leaves a window inside the 14 days as it is', () => {
    const window = { start: new Date('2026-11-28T00:00:00Z'), end: NOW };

    expect(withinHistory(window, NOW)).toEqual(window);
  });
});

describe('utcDays', () => {
  it('cuts a window at every UTC midnight, keeping its ends', () => {
    const days = utcDays({
      start: new Date('2026-11-27T22:00:00Z'),
      end: new Date('2026-11-29T03:00:00Z'),
    });

    expect(days.map(({ start, end }) => [start.toISOString(), end.toISOString()])).toEqual([
      ['2026-11-27T22:00:00.000Z', '2026-11-28T00:00:00.000Z'],
      ['2026-11-28T00:00:00.000Z', '2026-11-29T00:00:00.000Z'],
      ['2026-11-29T00:00:00.000Z', '2026-11-29T03:00:00.000Z'],
    ]);
  });

  it('is one day for a window within a day, and none for an empty one', () => {
    const start = new Date('2026-11-28T01:00:00Z');
    const end = new Date('2026-11-28T02:00:00Z');

    expect(utcDays({ start, end })).toEqual([{ start, end }]);
    expect(utcDays({ start: end, end: start })).toEqual([]);
  });
});

describe('tencentTime', () => {
  it('is UTC in whole seconds, as Tencent takes it', () => {
    expect(tencentTime(new Date('2026-11-28T10:11:12.999Z'))).toBe('2026-11-28T10:11:12Z');
  });
});

describe('scheduledWindow', () => {
  const LOOKBACK = 48;

  it('reads the whole lookback on the first run', () => {
    const { window, earliest } = scheduledWindow(undefined, NOW, LOOKBACK);

    expect(window).toEqual({ start: new Date(NOW.getTime() - 48 * 3_600_000), end: NOW });
    expect(earliest).toEqual(window.start);
  });

  it('reads from where the last run ended, less the overlap, to now', () => {
    const last = new Date(NOW.getTime() - 3_600_000).toISOString();

    const { window, earliest } = scheduledWindow(last, NOW, LOOKBACK);

    expect(window.start.getTime()).toBe(Date.parse(last) - SCHEDULED_OVERLAP_MS);
    expect(window.end).toBe(NOW);
    expect(earliest).toEqual(new Date(NOW.getTime() - 48 * 3_600_000));
  });

  it('never reads further back than the lookback, however long ago the last run ended', () => {
    const { window } = scheduledWindow('2026-10-01T00:00:00Z', NOW, LOOKBACK);

    expect(window.start).toEqual(new Date(NOW.getTime() - 48 * 3_600_000));
  });
});
