import { parseTime } from '../../lib/reconcile/window';
import { UsageError } from './errors';

/*
 * Option values that are numbers or times, checked with the option's own name before anything
 * is done: a mistake is a usage error that says what the option takes.
 */

/** A time as a person writes it: ISO 8601, or a duration back from `now` (`30m`, `6h`, `2d`). */
export function timeValue(option: string, text: string, now: Date): Date {
  try {
    return parseTime(text, now, option);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}.`, { cause: error });
  }
}

/** A whole number of at least `min` (and at most `max`); undefined when not given. */
export function wholeNumber(
  option: string,
  text: string | undefined,
  { min, max }: { min: number; max?: number },
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || (max !== undefined && value > max)) {
    const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${option} must be a whole number ${range}, not ${JSON.stringify(text)}.`);
  }
  return value;
}

/** A number above 0, at most `max`; undefined when not given. */
export function positiveNumber(
  option: string,
  text: string | undefined,
  { max }: { max: number },
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new UsageError(
      `${option} must be a number above 0 and at most ${max}, not ${JSON.stringify(text)}.`,
    );
  }
  return value;
}

/** A ratio from 0 up to (not including) 1; undefined when not given. */
export function ratio(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value < 1)) {
    throw new UsageError(
      `${option} must be a ratio from 0 up to (not including) 1, not ${JSON.stringify(text)}.`,
    );
  }
  return value;
}
