import { callbackKeyProvider } from '../../../lib/callback/keys';
import { ConfigurationError, DependencyUnavailableError } from '../../../lib/errors';
import type { ParameterReader } from '../../../lib/parameters';

const PARAMETER = '/tencent-css-callback/dev/callback-key';

function readerOf(result: () => Promise<string | undefined>) {
  return jest.fn<ReturnType<ParameterReader>, Parameters<ParameterReader>>(result);
}

describe('callbackKeyProvider', () => {
  it('serves the keys from CALLBACK_KEY without reading the parameter', async () => {
    const read = readerOf(async () => 'fromSsm');
    const provider = callbackKeyProvider(
      { callbackKeys: ['k1', 'k2'], callbackKeyParameter: PARAMETER },
      read,
    );

    const keys = await provider.keys();

    expect(keys).toEqual(['k1', 'k2']);
    expect(read).not.toHaveBeenCalled();
  });

  it('fails closed when no key and no parameter is configured', async () => {
    const provider = callbackKeyProvider({ callbackKeys: [] });

    const keys = provider.keys();

    await expect(keys).rejects.toThrow(ConfigurationError);
    await expect(provider.keys()).rejects.toThrow(/no callback key is configured/);
  });

  it('reads the keys from the SSM parameter, comma-separated', async () => {
    const read = readerOf(async () => 'oldKey, newKey');
    const provider = callbackKeyProvider(
      { callbackKeys: [], callbackKeyParameter: PARAMETER },
      read,
    );

    const keys = await provider.keys();

    expect(keys).toEqual(['oldKey', 'newKey']);
    expect(read).toHaveBeenCalledWith(PARAMETER);
  });

  it('reads the parameter on every call, so a rotation is picked up (the reader caches)', async () => {
    const read = readerOf(async () => 'k1');
    read.mockResolvedValueOnce('k1').mockResolvedValueOnce('k2');
    const provider = callbackKeyProvider(
      { callbackKeys: [], callbackKeyParameter: PARAMETER },
      read,
    );

    const first = await provider.keys();
    const second = await provider.keys();

    expect([first, second]).toEqual([['k1'], ['k2']]);
  });

  it.each([
    ['empty', ''],
    ['only commas', ' , '],
  ])('fails closed when the parameter is %s, naming it', async (_case, value) => {
    const provider = callbackKeyProvider(
      { callbackKeys: [], callbackKeyParameter: PARAMETER },
      readerOf(async () => value),
    );

    const keys = provider.keys();

    await expect(keys).rejects.toThrow(ConfigurationError);
    await expect(provider.keys()).rejects.toThrow(`parameter ${PARAMETER} is empty`);
  });

  it('fails closed when the parameter does not exist (the reader finds none), naming it', async () => {
    const provider = callbackKeyProvider(
      { callbackKeys: [], callbackKeyParameter: PARAMETER },
      readerOf(async () => undefined),
    );

    const keys = provider.keys();

    await expect(keys).rejects.toThrow(ConfigurationError);
    await expect(provider.keys()).rejects.toThrow(`parameter ${PARAMETER} does not exist`);
  });

  it('turns any other SSM failure into a retryable dependency error', async () => {
    const outage = Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    const provider = callbackKeyProvider(
      { callbackKeys: [], callbackKeyParameter: PARAMETER },
      readerOf(async () => Promise.reject(outage)),
    );

    const error = (await provider.keys().catch((caught: unknown) => caught)) as Error;

    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error.cause).toBe(outage);
    expect((error as DependencyUnavailableError).statusCode).toBe(503);
  });
});
