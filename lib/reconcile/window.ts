/** A span of time, start inclusive, end exclusive. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** Tencent keeps 14 days of callback history (`DescribeCallbackRecordsList`). */
export const HISTORY_DAYS = 14;
const DAY_MS = 86_400_000;
const UNITS_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS };

/**
 * `--since` as a person writes it: an ISO time (`2026-11-28T10:00:00Z`) or a duration back from
 * now (`90m`, `6h`, `2d`). Throws a message saying what it expected.
 */
export function parseTime(text: string, now: Date, option = '--since'): Date {
  const relative = /^(\d+)([mhd])$/.exec(text.trim());
  if (relative) {
    const [, amount = '0', unit = 'h'] = relative;
    return new Date(now.getTime() - Number(amount) * (UNITS_MS[unit] ?? 0));
  }
  const absolute = Date.parse(text);
  if (/^\d{4}-\d\d-\d\d/.test(text) && Number.isFinite(absolute)) return new Date(absolute);
  throw new RangeError(
    `${option} "${text}" is not a time: give an ISO time (2026-11-28T10:00:00Z) or a duration back from now (90m, 6h, 2d)`,
  );
}

/**
 * The part of `window` Tencent still has history for: its start moved to 14 days ago (less a
 * minute, so the query is still inside the limit when it is sent) if it was older.
 */
export function withinHistory(window: TimeWindow, now: Date): TimeWindow {
  const oldest = new Date(now.getTime() - HISTORY_DAYS * DAY_MS + 60_000);
  return { start: window.start < oldest ? oldest : window.start, end: window.end };
}

/** The window cut at UTC midnights: Tencent's history is read one day at most per query. */
export function utcDays(window: TimeWindow): TimeWindow[] {
  const days: TimeWindow[] = [];
  let start = window.start;
  while (start < window.end) {
    const midnight = new Date(Math.floor(start.getTime() / DAY_MS) * DAY_MS + DAY_MS);
    const end = midnight < window.end ? midnight : window.end;
    days.push({ start, end });
    start = end;
  }
  return days;
}

/** Tencent's UTC time format: `2026-11-28T10:00:00Z` (whole seconds). */
export function tencentTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Each scheduled run reads again this far before where the last one ended: Tencent records a
 * callback's retries for about 12 minutes after the first attempt, and a run takes minutes.
 */
export const SCHEDULED_OVERLAP_MS = 2 * 3_600_000;

/**
 * What a scheduled run reads: from where the last completed run ended (less the overlap) to now,
 * never more than `lookbackHours` back; a push that began before that is read from its start, up
 * to `lookbackHours` back (`earliest`). So each callback is read by a few runs, not by every run
 * of the lookback, and a run after an outage of the reconciler catches up on the whole lookback.
 */
export function scheduledWindow(
  lastCompleted: string | undefined,
  now: Date,
  lookbackHours: number,
): { window: TimeWindow; earliest: Date } {
  const earliest = new Date(now.getTime() - lookbackHours * 3_600_000);
  const resume = lastCompleted === undefined ? Number.NaN : Date.parse(lastCompleted);
  const start = Number.isFinite(resume)
    ? new Date(Math.max(earliest.getTime(), resume - SCHEDULED_OVERLAP_MS))
    : earliest;
  return { window: { start, end: now }, earliest };
}
