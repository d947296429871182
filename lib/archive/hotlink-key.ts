import type { ParameterReader } from '../parameters';
import { ArchiveError } from './errors';

/** Tencent's rule for a hotlink key: 8 to 20 letters and digits. */
const KEY = /^[A-Za-z0-9]{8,20}$/;

/**
 * The VOD hotlink key, read from its parameter when one is named: undefined when none is named or
 * the parameter does not exist (URLs then go unsigned). A value that is not a key is refused,
 * without repeating it.
 */
export function hotlinkKeyFrom(
  read: ParameterReader,
  parameter: string | undefined,
): () => Promise<string | undefined> {
  return async () => {
    if (parameter === undefined) return undefined;
    const value = (await read(parameter))?.trim();
    if (value === undefined || value === '') return undefined;
    if (!KEY.test(value)) {
      throw new ArchiveError(
        `the parameter ${parameter} does not hold a VOD hotlink key (8 to 20 letters and digits, ` +
          'as the VOD console shows it under Key Hotlink Protection)',
      );
    }
    return value;
  };
}
