/**
 * A number kept as the decimal text it was sent as, because a JavaScript number would change it:
 * `18446744073709551615` or an `appid` above 2^53 are rounded by a double, silently. DynamoDB's
 * Number holds 38 significant digits, so such a number is stored exactly, and published with all
 * its digits (see `./json.ts`, `stringifyJson`).
 *
 * Most numbers are small: they stay plain `number`s, and only a number a double would change
 * becomes an `ExactNumber` (see {@link toNumeric}).
 */
export class ExactNumber {
  /** @param text a JSON number, as sent (normalised: no leading `+`, no superfluous zeros). */
  constructor(readonly text: string) {}

  /** The nearest double, for arithmetic and display where exactness does not matter. */
  valueOf(): number {
    return Number(this.text);
  }

  toString(): string {
    return this.text;
  }
}

/** A number as the service keeps it: exact, whatever its size (up to 38 digits). */
export type Numeric = number | ExactNumber;

/** DynamoDB's Number keeps 38 significant digits; beyond that a number cannot be kept exactly. */
export const MAX_EXACT_DIGITS = 38;

/** A JSON number, as text: what `JSON.parse` accepts as a number (and `-`/`.` forms of strings). */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

interface Decimal {
  negative: boolean;
  /** Significant digits, without leading or trailing zeros ('' for zero). */
  digits: string;
  /** The value is `0.digits × 10^exponent`. */
  exponent: number;
}

function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const all = whole + fraction;
  const leading = all.length - all.replace(/^0+/, '').length;
  const digits = all.slice(leading).replace(/0+$/, '');
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  return {
    negative: sign === '-',
    digits,
    exponent: whole.length - leading + Number(exponentText),
  };
}

function sameDecimal(a: Decimal, b: Decimal): boolean {
  return a.negative === b.negative && a.digits === b.digits && a.exponent === b.exponent;
}

/**
 * The number a decimal text means: a plain `number` when the double's own text means the same
 * decimal (`0.1`, `1e20`, `277941079`), an {@link ExactNumber} when a double would change it
 * (`18446744073709551615`, `0.12345678901234567890`). A number of more than 38 significant
 * digits cannot be stored exactly by DynamoDB: it is the nearest double (see the README).
 * Returns `undefined` for text that is not a decimal number.
 */
export function toNumeric(text: string): number | ExactNumber | undefined {
  const decimal = parseDecimal(text);
  if (decimal === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  if (decimal.digits.length > MAX_EXACT_DIGITS) return value;
  const roundTrip = parseDecimal(String(value).replace('e+', 'e'));
  if (roundTrip !== undefined && sameDecimal(roundTrip, decimal)) return value;
  return new ExactNumber(normalise(decimal));
}

/** The decimal written as a person would read it: `18446744073709551615`, `-0.00123`, `1.5e-40`. */
function normalise({ negative, digits, exponent }: Decimal): string {
  const sign = negative ? '-' : '';
  if (exponent > MAX_EXACT_DIGITS || exponent < -20) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${rest}e${exponent - 1}`;
  }
  if (exponent >= digits.length) return `${sign}${digits}${'0'.repeat(exponent - digits.length)}`;
  if (exponent > 0) return `${sign}${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  return `${sign}0.${'0'.repeat(-exponent)}${digits}`;
}

/**
 * A double keeps every decimal of up to 15 significant digits (DBL_DIG), so only text holding 16
 * digits (a decimal point allowed between them) can hold a number it would change. Most bodies
 * hold none, and skip the slower exact parser. Linear: each start position looks at most 31 chars.
 */
const MAY_LOSE_DIGITS = /\d(?:\.?\d){15}/;

export function mayHoldInexactNumber(jsonText: string): boolean {
  return MAY_LOSE_DIGITS.test(jsonText);
}
