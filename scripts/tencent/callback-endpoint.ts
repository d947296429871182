import { CALLBACK_KEY_PATTERN } from '../../lib/tencent/wiring';
import { generateCallbackKey, ssmKeyParameter, type KeyParameter } from './key-parameter';
import { deployedCallbackUrl, stackName, CALLBACK_URL_OUTPUT } from '../cli/stack-outputs';
import { type Target } from '../cli/target';
import { CliError, UsageError } from '../cli/errors';

/** Where Tencent should send callbacks, and the key it should sign them with. */
export interface CallbackEndpoint {
  url: string;
  /** For people: where the URL came from. */
  urlSource: string;
  /** A secret: sent to Tencent, never printed. */
  key: string;
  /** For people: where the key is kept (never the key). */
  keySource: string;
  /** No key was stored yet: setup stores this one before it changes Tencent (a dry run does not). */
  pendingKey?: KeyParameter;
}

export interface EndpointOptions {
  url?: string;
  key?: string;
  /** What to do when the stage has no key parameter: make one (setup) or say so (status). */
  missingKey: 'generate' | 'fail';
  /** The stage's key parameter; SSM's by default (tests pass another). */
  keyParameter?: KeyParameter;
}

/**
 * The callback URL and key for a target. The local stack: its own URL and key (from the state file
 * `npm start` writes). A deployed stage: the stack's `CallbackUrl` output and the key in the stage's
 * SSM SecureString, a new one when there is none. `--url` replaces the URL; `--key` must be a key
 * the service accepts, so that Tencent never signs with a key the service would refuse.
 */
export async function resolveCallbackEndpoint(
  target: Target,
  options: EndpointOptions,
  env: Record<string, string | undefined>,
): Promise<CallbackEndpoint> {
  if (options.key !== undefined && !CALLBACK_KEY_PATTERN.test(options.key)) {
    throw new UsageError('--key must be 1 to 32 letters and digits (what Tencent accepts).');
  }
  if (options.url !== undefined) checkUrl(options.url);

  if (target.local) {
    const keys = target.local.callbackKeys;
    if (!keys || keys.length === 0) {
      throw new CliError(
        'The running local stack was started before npm run tencent existed: restart npm start',
      );
    }
    return {
      url: options.url ?? target.local.urls.callback ?? '',
      urlSource: options.url ? '--url' : "the local stack's",
      ...chooseKey(keys, options.key, LOCAL_KEYS, () => {
        throw new CliError(
          'The --key given is not one the local stack accepts: restart npm start with ' +
            'CALLBACK_KEY set to it, or run setup without --key',
        );
      }),
    };
  }

  const url = options.url ?? (await deployedCallbackUrl(target.stage, target.region, env));
  const urlSource = options.url
    ? '--url'
    : `output ${CALLBACK_URL_OUTPUT} of stack ${stackName(target.stage)}`;
  const parameter = options.keyParameter ?? ssmKeyParameter(target.stage, target.region, env);
  const stored = await parameter.read();
  const keys = (stored ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  if (keys.length > 0) {
    return {
      url,
      urlSource,
      ...chooseKey(keys, options.key, parameterKeys(parameter.name), () => {
        throw new CliError(
          `The --key given is not one the service accepts (SSM parameter ${parameter.name}): ` +
            'store it there first (README: Rotating the key), or run setup without --key',
        );
      }),
    };
  }
  if (options.missingKey === 'fail') {
    throw new CliError(
      `The stage has no callback key (SSM parameter ${parameter.name} does not exist): ` +
        'run npm run tencent -- setup, which stores one',
    );
  }
  return {
    url,
    urlSource,
    key: options.key ?? generateCallbackKey(),
    keySource: `${options.key ? 'the key from --key' : 'a new key'}, to be stored as SSM SecureString ${parameter.name}`,
    pendingKey: parameter,
  };
}

/** How a person reads where keys are kept. */
interface KeyPlace {
  one: string;
  newestOf: (count: number) => string;
  /** `--key` is one of them. */
  given: string;
}

const LOCAL_KEYS: KeyPlace = {
  one: "the local stack's key",
  newestOf: (count) => `the newest of the local stack's ${count} keys (CALLBACK_KEY)`,
  given: 'the key from --key, one the local stack accepts',
};

function parameterKeys(name: string): KeyPlace {
  return {
    one: `the key in SSM parameter ${name}`,
    newestOf: (count) => `the newest of the ${count} keys in SSM parameter ${name}`,
    given: `the key from --key, one of those in SSM parameter ${name}`,
  };
}

/**
 * `--key` if the service accepts it, else the newest key (the last: rotation stores `old,new`).
 * A stored key Tencent would refuse fails here, naming where it is.
 */
function chooseKey(
  keys: readonly string[],
  option: string | undefined,
  place: KeyPlace,
  notAccepted: () => never,
): { key: string; keySource: string } {
  if (option !== undefined) {
    if (!keys.includes(option)) notAccepted();
    return { key: option, keySource: place.given };
  }
  const key = keys[keys.length - 1] ?? '';
  const source = keys.length > 1 ? place.newestOf(keys.length) : place.one;
  if (!CALLBACK_KEY_PATTERN.test(key)) {
    throw new CliError(
      `${capitalise(source)} is not 1 to 32 letters and digits, which Tencent requires: ` +
        'store another, or pass --key',
    );
  }
  return { key, keySource: source };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function checkUrl(text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be an http(s) URL, not ${JSON.stringify(text)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--url must be an http(s) URL, not ${JSON.stringify(text)}.`);
  }
}
