import { ConfigurationError, DependencyUnavailableError } from '../errors';
import { splitKeys } from '../config';

/** Refresh deployed keys every 5 minutes: a rotation takes effect without a redeploy. */
export const KEY_CACHE_SECONDS = 300;

export interface CallbackKeyProvider {
  /** The keys a valid `sign` may be made with; never empty (throws instead). */
  keys(): Promise<readonly string[]>;
}

/** Reads a parameter's decrypted value; injectable so tests can serve it from a local server. */
export type ParameterReader = (name: string) => Promise<string | undefined>;

const NO_KEY =
  'no callback key is configured: set CALLBACK_KEY (local) or store the key in the SSM parameter named by CALLBACK_KEY_PARAMETER';

export function callbackKeyProvider(
  config: { callbackKeys: string[]; callbackKeyParameter?: string },
  readParameter: ParameterReader = noParameterReader,
): CallbackKeyProvider {
  const { callbackKeys, callbackKeyParameter } = config;
  if (callbackKeys.length > 0) return { keys: async () => callbackKeys };
  if (callbackKeyParameter === undefined) {
    return {
      keys: async () => {
        throw new ConfigurationError(NO_KEY);
      },
    };
  }
  return {
    keys: async () => {
      let value: string | undefined;
      try {
        value = await readParameter(callbackKeyParameter);
      } catch (error) {
        if (isParameterNotFound(error)) {
          throw new ConfigurationError(
            `${NO_KEY} (parameter ${callbackKeyParameter} does not exist)`,
          );
        }
        throw new DependencyUnavailableError(`could not read parameter ${callbackKeyParameter}`, {
          cause: error,
        });
      }
      const keys = splitKeys(value ?? '');
      if (keys.length === 0)
        throw new ConfigurationError(`${NO_KEY} (parameter ${callbackKeyParameter} is empty)`);
      return keys;
    },
  };
}

const noParameterReader: ParameterReader = async () => {
  throw new Error('no parameter reader was given to callbackKeyProvider');
};

/**
 * Keeps a parameter's value for `seconds`: a rotation takes effect within that time without a
 * redeploy, and a warm function does not call SSM on every callback. Failures are not kept.
 */
export function cachedFor(
  seconds: number,
  read: ParameterReader,
  now: () => number = Date.now,
): ParameterReader {
  const cache = new Map<string, { value: string | undefined; until: number }>();
  return async (name) => {
    const hit = cache.get(name);
    if (hit && hit.until > now()) return hit.value;
    const value = await read(name);
    cache.set(name, { value, until: now() + seconds * 1000 });
    return value;
  };
}

function isParameterNotFound(error: unknown): boolean {
  const names = [error, (error as { cause?: unknown } | undefined)?.cause].map(
    (candidate) => (candidate as { name?: unknown } | undefined)?.name,
  );
  return names.includes('ParameterNotFound');
}
