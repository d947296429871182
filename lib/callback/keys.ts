import { ConfigurationError, DependencyUnavailableError } from '../errors';
import type { ParameterReader } from '../parameters';

/** Refresh deployed keys every 5 minutes: a rotation takes effect without a redeploy. */
export const KEY_CACHE_SECONDS = 300;

export interface CallbackKeyProvider {
  /** The keys a valid `sign` may be made with; never empty (throws instead). */
  keys(): Promise<readonly string[]>;
}

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
        throw new DependencyUnavailableError(`could not read parameter ${callbackKeyParameter}`, {
          cause: error,
        });
      }
      if (value === undefined) {
        throw new ConfigurationError(
          `${NO_KEY} (parameter ${callbackKeyParameter} does not exist)`,
        );
      }
      const keys = splitKeys(value);
      if (keys.length === 0)
        throw new ConfigurationError(`${NO_KEY} (parameter ${callbackKeyParameter} is empty)`);
      return keys;
    },
  };
}

const noParameterReader: ParameterReader = async () => {
  throw new Error('no parameter reader was given to callbackKeyProvider');
};

/** Several keys are comma-separated, so a rotation can accept the old and the new key at once. */
export function splitKeys(value: string): string[] {
  return value
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
}
