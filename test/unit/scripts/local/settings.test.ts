import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  LOCAL_CALLBACK_KEY,
  LOCAL_PORTS,
  localCallbackUrl,
  readLocalSettings,
} from '../../../../scripts/local/settings';
import { PROJECT_DIR } from '../../../support/project';

describe('readLocalSettings', () => {
  it('defaults to the documented ports, the local key, .local/dynamodb, .local/s3 and the archive on', () => {
    const settings = readLocalSettings({});

    expect(settings).toEqual({
      ports: {
        http: 3000,
        lambda: 3002,
        eventBridge: 4010,
        eventBridgeMqtt: 4011,
        dynamoDb: 8000,
        console: 8001,
        s3: 4569,
        tencent: 4020,
      },
      callbackKey: LOCAL_CALLBACK_KEY,
      callbackKeySource: 'default',
      dataDir: join(PROJECT_DIR, '.local', 'dynamodb'),
      s3Dir: join(PROJECT_DIR, '.local', 's3'),
      archive: true,
      logs: 'short',
    });
  });

  it('shows the logs as printed with LOCAL_LOGS=raw, and refuses another value', () => {
    expect(readLocalSettings({ LOCAL_LOGS: 'raw' }).logs).toBe('raw');
    expect(() => readLocalSettings({ LOCAL_LOGS: 'json' })).toThrow(
      'LOCAL_LOGS must be short or raw, not "json"',
    );
  });

  it('moves every port with its variable', () => {
    const settings = readLocalSettings({
      LOCAL_HTTP_PORT: '13000',
      LOCAL_LAMBDA_PORT: '13002',
      LOCAL_EVENTBRIDGE_PORT: '14010',
      LOCAL_EVENTBRIDGE_MQTT_PORT: '14011',
      LOCAL_DYNAMODB_PORT: '18000',
      LOCAL_CONSOLE_PORT: '18001',
      LOCAL_S3_PORT: '14569',
      LOCAL_TENCENT_PORT: '14020',
    });

    expect(Object.values(settings.ports)).toEqual([
      13000, 13002, 14010, 14011, 18000, 18001, 14569, 14020,
    ]);
  });

  it('takes the callback key from CALLBACK_KEY, several keys included', () => {
    const settings = readLocalSettings({ CALLBACK_KEY: ' oldKey,newKey ' });

    expect(settings).toMatchObject({
      callbackKey: 'oldKey,newKey',
      callbackKeySource: 'CALLBACK_KEY',
    });
  });

  it('keeps a relative LOCAL_DATA_DIR inside the project and an absolute one as is', () => {
    expect(readLocalSettings({ LOCAL_DATA_DIR: 'tmp/db' }).dataDir).toBe(
      join(PROJECT_DIR, 'tmp', 'db'),
    );
    expect(readLocalSettings({ LOCAL_DATA_DIR: '/var/tmp/db' }).dataDir).toBe('/var/tmp/db');
    expect(isAbsolute(readLocalSettings({}).dataDir)).toBe(true);
  });

  it.each(['abc', '0', '65536', '80.5', '-1'])(
    'refuses LOCAL_DYNAMODB_PORT=%p, naming the variable',
    (value) => {
      expect(() => readLocalSettings({ LOCAL_DYNAMODB_PORT: value })).toThrow(
        `LOCAL_DYNAMODB_PORT must be a port number from 1 to 65535, not "${value}"`,
      );
    },
  );

  // dynalite and the console run outside serverless: only the ports serverless opens are there.
  it.each([
    LOCAL_PORTS.http,
    LOCAL_PORTS.lambda,
    LOCAL_PORTS.eventBridge,
    LOCAL_PORTS.eventBridgeMqtt,
  ])(
    'agrees with serverless.yml, which reads $variable with the default $fallback too',
    ({ variable, fallback }) => {
      const serverlessYml = readFileSync(join(PROJECT_DIR, 'serverless.yml'), 'utf8');

      expect(serverlessYml).toContain(`\${env:${variable}, ${fallback}}`);
    },
  );

  it('refuses two services on one port', () => {
    expect(() => readLocalSettings({ LOCAL_CONSOLE_PORT: '8000' })).toThrow(
      'LOCAL_DYNAMODB_PORT and LOCAL_CONSOLE_PORT both ask for port 8000',
    );
  });
});

describe('localCallbackUrl', () => {
  it('is the callback route of the local HTTP API', () => {
    expect(localCallbackUrl({})).toBe('http://localhost:3000/callback');
    expect(localCallbackUrl({ LOCAL_HTTP_PORT: '3100' })).toBe('http://localhost:3100/callback');
  });
});
