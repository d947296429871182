import {
  ExactNumber,
  MAX_EXACT_DIGITS,
  mayHoldInexactNumber,
  toNumeric,
} from '../../../lib/json/exact-number';

describe('toNumeric', () => {
  it.each([
    ['277941079', 277941079],
    ['0.1', 0.1],
    ['1e20', 1e20],
    ['-1.5', -1.5],
    ['0', 0],
    ['-0', -0],
    ['9007199254740991', 9007199254740991],
    // 17 digits a double happens to hold: its own shortest text is the same decimal.
    ['1234567890.1234567', 1234567890.1234567],
    ['1E+2', 100],
  ])('keeps %p a plain number: a double means exactly it', (text, expected) => {
    expect(toNumeric(text)).toBe(expected);
  });

  it.each([
    ['18446744073709551615', '18446744073709551615'],
    ['12345678901234567890', '12345678901234567890'],
    ['-9007199254740993', '-9007199254740993'],
    ['0.12345678901234567890', '0.1234567890123456789'],
    ['-0.000001234567890123456789', '-0.000001234567890123456789'],
    ['1234567890.12345678', '1234567890.12345678'],
    ['1.23456789012345678e30', '1234567890123456780000000000000'],
    ['1.23456789012345678e60', '1.23456789012345678e60'],
    ['1.23456789012345678e-40', '1.23456789012345678e-40'],
  ])('keeps %p exactly, as %s', (text, expected) => {
    const value = toNumeric(text);

    expect(value).toBeInstanceOf(ExactNumber);
    expect(String(value)).toBe(expected);
    expect(Number(value)).toBeCloseTo(Number(text));
  });

  it(`gives the nearest double for more than ${MAX_EXACT_DIGITS} digits, which DynamoDB cannot keep`, () => {
    const text = '1'.repeat(MAX_EXACT_DIGITS + 1);

    expect(toNumeric(text)).toBe(Number(text));
  });

  it.each(['', 'abc', '1.', '.5', '+1', '0x10', '1e400', 'Infinity', '1 2'])(
    'is undefined for %p, which is not a finite decimal',
    (text) => {
      expect(toNumeric(text)).toBeUndefined();
    },
  );
});

describe('mayHoldInexactNumber', () => {
  it.each([
    ['{"file_size":18446744073709551615}', true],
    ['{"x":1234567890.123456}', true],
    ['{"x":"task-1234567890123456"}', true], // in a string: a false alarm, only slower
    ['{"file_size":277941079,"t":1545030873}', false],
    ['{"x":123456789012345}', false],
    ['{"ip":"1.2.3.4"}', false],
  ])('%s: %s', (text, expected) => {
    expect(mayHoldInexactNumber(text)).toBe(expected);
  });
});
