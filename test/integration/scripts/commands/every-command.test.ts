import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_AWS_CREDENTIALS } from '../../../../fakes/credentials';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../../../fakes/dynamodb';
import { ensureServiceTables } from '../../../../scripts/local/tables';
import { runNpmScript, type ScriptRun } from '../../../support/npm-script';
import { TEST_TENCENT_CREDENTIALS, useLocalTencent } from '../../../support/local-tencent';
import { readManifest } from '../../../support/project';
import { closedPort } from '../../../support/ports';

/*
 * Every command the project's package.json runs, as a person runs it (a process of its own), by
 * the one rule: 0 done and after --help (the usage on stdout), 2 for a command line it cannot
 * take (what is wrong and the usage on stderr, nothing done), 1 when what was asked failed (one
 * line on stderr that says what to do).
 */
const manifest = readManifest();
/** The project's own commands: every script that runs one of its files with Node. */
const COMMANDS = Object.keys(manifest.scripts).filter((name) =>
  manifest.scripts[name]?.startsWith('node '),
);
/** How each is typed, as its usage shows it. */
const TYPED = (name: string) => (name === 'start' ? 'npm start' : `npm run ${name}`);

let dir: string;
let env: NodeJS.ProcessEnv;
const help: Record<string, ScriptRun> = {};
const misuse: Record<string, ScriptRun> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'commands-'));
  // No running local stack: whatever a command would do, it would do it to a stage, not yours.
  env = { ...process.env, LOCAL_STATE_FILE: join(dir, 'no-stack.json') };
  // A few at a time: each is a Node process loading TypeScript.
  const queue = COMMANDS.flatMap((name) => [
    async () => (help[name] = await runNpmScript(name, ['--help'], env)),
    async () => (misuse[name] = await runNpmScript(name, ['--no-such-option'], env)),
  ]);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next();
    }),
  );
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('finds the commands the README documents (and any added since)', () => {
  expect(COMMANDS).toEqual(
    expect.arrayContaining([
      'bench',
      'bench:reconcile',
      'callback',
      'docs',
      'load',
      'reconcile',
      'republish',
      'simulate',
      'start',
      'tencent',
    ]),
  );
});

describe.each(COMMANDS)('%s', (name) => {
  it('prints its usage for --help and exits 0', () => {
    const run = help[name]!;

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Usage: ${TYPED(name)}`);
    expect(run.stdout).toMatch(/-h, --help +show this help/);
  });

  it('exits 2 for an option it does not take, saying so, with the usage, and does nothing', () => {
    const run = misuse[name]!;

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Unknown option --no-such-option\.\n\n/);
    expect(run.stderr).toContain(`Usage: ${TYPED(name)}`);
  });
});

describe('when what was asked fails, a command exits 1 with one line that says what to do', () => {
  const local = useLocalTencent();
  let dynamoDb: LocalDynamoDb;

  beforeAll(async () => {
    dynamoDb = await startLocalDynamoDb();
    await ensureServiceTables(dynamoDb.client, {
      tableName: 'tencent-css-recordings-prod-recordings',
      eventsTableName: 'tencent-css-recordings-prod-events',
    });
  });
  afterAll(() => dynamoDb?.stop());

  /** Stage prod, its tables on the local DynamoDB, Tencent the local one, with a wrong SecretKey. */
  const wrongKey = () => ({
    ...env,
    AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
    TENCENTCLOUD_SECRET_ID: TEST_TENCENT_CREDENTIALS.secretId,
    TENCENTCLOUD_SECRET_KEY: 'NotTheRightSecretKey0000000',
    TENCENTCLOUD_ENDPOINT: local.tencent.url,
  });

  it.each([
    ['reconcile', ['--since', '1h', '--stage', 'prod']],
    ['tencent', ['status', '--domain', 'push.example.com', '--stage', 'prod']],
  ])(
    'npm run %s, when Tencent refuses the credentials, naming the variable to check',
    async (name, argv) => {
      const run = await runNpmScript(name, argv, wrongKey());

      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        'Tencent refused the credentials (AuthFailure.SignatureFailure): check TENCENTCLOUD_SECRET_KEY\n',
      );
      expect(`${run.stdout}${run.stderr}`).not.toContain('NotTheRightSecretKey0000000');
      expect(local.tencent.state.counters.authFailures).toBeGreaterThan(0);
    },
  );

  it('npm run callback, when nothing listens at --url', async () => {
    const port = await closedPort();

    const run = await runNpmScript(
      'callback',
      ['--url', `http://127.0.0.1:${port}/callback`, '--key', 'SomeKey1'],
      env,
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Could not POST to http://127.0.0.1:${port}/callback: ECONNREFUSED. Is \`npm start\` running?\n`,
    );
  });
});
