/*
 * What every one-line summary of an event is made of (./summarise.ts): durations, sizes and
 * times a person reads at a glance, and a guard that keeps a line one line.
 * Nothing here throws on an odd value: a summary is printed whatever the event holds.
 */

/** `42s`, `2m34s`, `1h02m05s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?s';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${pad(m)}m${pad(s)}s`;
  if (m > 0) return `${m}m${pad(s)}s`;
  return `${s}s`;
}

/** `512 B`, `1.5 KiB`, `265.1 MiB`, `1.0 GiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '? B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A Unix time in seconds as its UTC date and time of day, or undefined when no date holds it. */
export function utc(seconds: number): { date: string; time: string } | undefined {
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(seconds) || Number.isNaN(date.getTime())) return undefined;
  const iso = date.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/**
 * `2023-12-28 02:44:38 UTC` (with `.971` when `unit` is milliseconds and the time has some);
 * `time unknown` when the value is no time.
 */
export function formatTime(value: unknown, unit: 'seconds' | 'milliseconds' = 'seconds'): string {
  if (typeof value !== 'number') return 'time unknown';
  const at = utc(unit === 'seconds' ? value : Math.floor(value / 1000));
  if (at === undefined) return 'time unknown';
  const milliseconds = unit === 'milliseconds' ? Math.floor(value) % 1000 : 0;
  const fraction = milliseconds > 0 ? `.${String(milliseconds).padStart(3, '0')}` : '';
  return `${at.date} ${at.time}${fraction} UTC`;
}

// Ids, URLs and messages come from the sender: a control character or line separator in one of
// them must not break the line (or forge a second one in a log).
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, '?');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
