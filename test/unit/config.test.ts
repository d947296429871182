import { splitKeys } from '../../lib/callback/keys';
import { loadConfig, loadReconcileConfig } from '../../lib/config';
import { ConfigurationError } from '../../lib/errors';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_LOOKAHEAD_SECONDS,
} from '../../lib/callback/signature';

const REQUIRED = {
  TABLE_NAME: 'recordings',
  EVENTS_TABLE_NAME: 'events',
  EVENT_BUS_NAME: 'css-callback-dev',
};

describe('loadConfig', () => {
  it('reads the table, the bus and the keys, with the default time window', () => {
    const config = loadConfig({ ...REQUIRED, CALLBACK_KEY: 'key1' });

    expect(config).toEqual({
      tableName: 'recordings',
      eventsTableName: 'events',
      highVolumeRetentionDays: 30,
      eventBusName: 'css-callback-dev',
      callbackKeys: ['key1'],
      clockSkewSeconds: DEFAULT_CLOCK_SKEW_SECONDS,
      maxLookaheadSeconds: DEFAULT_MAX_LOOKAHEAD_SECONDS,
    });
  });

  it.each(['TABLE_NAME', 'EVENTS_TABLE_NAME', 'EVENT_BUS_NAME'])(
    'fails at start-up when %s is missing, naming the variable',
    (name) => {
      const env = { ...REQUIRED, [name]: undefined };

      const load = () => loadConfig(env);

      expect(load).toThrow(ConfigurationError);
      expect(load).toThrow(`Environment variable ${name} is required`);
    },
  );

  it.each(['', '   '])('treats TABLE_NAME set to %p as missing', (value) => {
    expect(() => loadConfig({ ...REQUIRED, TABLE_NAME: value })).toThrow(
      'Environment variable TABLE_NAME is required',
    );
  });

  it('trims surrounding whitespace from values', () => {
    const config = loadConfig({
      ...REQUIRED,
      TABLE_NAME: ' recordings\n',
      EVENT_BUS_NAME: '\tbus ',
    });

    expect(config.tableName).toBe('recordings');
    expect(config.eventBusName).toBe('bus');
  });

  it('starts without a key, so the callback can fail closed with a 5xx instead', () => {
    const config = loadConfig(REQUIRED);

    expect(config.callbackKeys).toEqual([]);
    expect(config).not.toHaveProperty('callbackKeyParameter');
  });

  it('reads several comma-separated keys, for rotation', () => {
    const config = loadConfig({ ...REQUIRED, CALLBACK_KEY: 'old, new' });

    expect(config.callbackKeys).toEqual(['old', 'new']);
  });

  it('reads the SSM parameter name when one is set', () => {
    const config = loadConfig({ ...REQUIRED, CALLBACK_KEY_PARAMETER: '/css/callback-key' });

    expect(config.callbackKeyParameter).toBe('/css/callback-key');
  });

  it('reads the clock skew and look-ahead in seconds', () => {
    const config = loadConfig({
      ...REQUIRED,
      CALLBACK_CLOCK_SKEW_SECONDS: '5',
      CALLBACK_MAX_LOOKAHEAD_SECONDS: '0',
    });

    expect(config.clockSkewSeconds).toBe(5);
    expect(config.maxLookaheadSeconds).toBe(0);
  });

  it.each([
    ['CALLBACK_CLOCK_SKEW_SECONDS', '1m'],
    ['CALLBACK_CLOCK_SKEW_SECONDS', '-5'],
    ['CALLBACK_MAX_LOOKAHEAD_SECONDS', '1.5'],
    ['CALLBACK_MAX_LOOKAHEAD_SECONDS', 'one hour'],
  ])('fails when %s is %p, naming the variable', (name, value) => {
    const load = () => loadConfig({ ...REQUIRED, [name]: value });

    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(`Environment variable ${name} must be a whole number of seconds`);
  });
});

describe('splitKeys', () => {
  it.each([
    ['one key', 'abc', ['abc']],
    ['two keys', 'abc,def', ['abc', 'def']],
    ['keys with spaces around them', ' abc , def ', ['abc', 'def']],
    ['empty entries', ',abc,,def,', ['abc', 'def']],
    ['nothing', '', []],
    ['only commas and spaces', ' , ,', []],
  ])('splits %s', (_case, value, keys) => {
    expect(splitKeys(value)).toEqual(keys);
  });
});

describe('the retention of the high-volume kinds', () => {
  it('is read in days', () => {
    expect(
      loadConfig({ ...REQUIRED, HIGH_VOLUME_RETENTION_DAYS: '7' }).highVolumeRetentionDays,
    ).toBe(7);
  });

  it('fails at start-up when it is not a whole number of days, naming the variable', () => {
    expect(() => loadConfig({ ...REQUIRED, HIGH_VOLUME_RETENTION_DAYS: '2w' })).toThrow(
      'Environment variable HIGH_VOLUME_RETENTION_DAYS must be a whole number of days, not "2w"',
    );
  });
});

describe('the reconciler’s configuration', () => {
  it('keeps to 15 Tencent requests a second per action unless TENCENT_REQUESTS_PER_SECOND says otherwise', () => {
    expect(loadReconcileConfig(REQUIRED).tencentRequestsPerSecond).toBe(15);
    expect(
      loadReconcileConfig({ ...REQUIRED, TENCENT_REQUESTS_PER_SECOND: '10' })
        .tencentRequestsPerSecond,
    ).toBe(10);
  });

  it('fails at start-up on a rate Tencent would refuse, naming the variable', () => {
    expect(() => loadReconcileConfig({ ...REQUIRED, TENCENT_REQUESTS_PER_SECOND: '50' })).toThrow(
      'Environment variable TENCENT_REQUESTS_PER_SECOND must be a whole number from 1 to 20',
    );
  });
});
