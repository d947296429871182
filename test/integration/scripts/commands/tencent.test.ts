import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WIRED_URL_FIELDS } from '../../../../lib/tencent/wiring';
import { tencentCommand } from '../../../../scripts/commands/tencent';
import type { WiringHooks } from '../../../../scripts/tencent/wiring';
import type { LocalTencent } from '../../../../local-tencent';
import { noNotifyUrls } from '../../../../local-tencent/state';
import {
  startLocalCloudFormation,
  type LocalCloudFormation,
} from '../../../../fakes/cloudformation';
import { FAKE_AWS_CREDENTIALS } from '../../../../fakes/credentials';
import { startLocalSsm, type LocalSsm } from '../../../../fakes/ssm';
import { TEST_TENCENT_CREDENTIALS, useLocalTencent } from '../../../support/local-tencent';
import { runCommand } from '../../../support/run-command';
import { writeRunningStack } from '../../../support/running-stack';

// `npm run tencent` in this process, against a local Tencent on a free port: as the local stack's
// command (a state file naming this process as npm start) and as a deployed stage's (Tencent keys
// in the environment, the stack's outputs and the key parameter from local AWS servers).
const local = useLocalTencent();
const DOMAIN = 'push.example.com';
const LOCAL_URL = 'http://localhost:3999/callback';
const LOCAL_KEYS = ['OldLocalKey1', 'LocalCliKey2'];
const DEPLOYED_URL = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/callback';
const PARAMETER = '/tencent-css-recordings/prod/callback-key';
const WRONG_SECRET_KEY = 'NotTheRightSecretKey0000000';
/** Whatever a run prints, none of these may be in it. */
const secrets = new Set([
  ...LOCAL_KEYS,
  TEST_TENCENT_CREDENTIALS.secretKey,
  WRONG_SECRET_KEY,
  'StoredOldKey1',
  'StoredNewKey2',
]);

let dir: string;
let stateFile: string;
let cloudFormation: LocalCloudFormation;
let ssm: LocalSsm;
const savedEnv = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wiring-cli-'));
  stateFile = join(dir, 'stack.json');
  [cloudFormation, ssm] = await Promise.all([startLocalCloudFormation(), startLocalSsm()]);
  // The AWS SDK reads its credentials from the process environment.
  delete process.env.AWS_PROFILE;
  process.env.AWS_ACCESS_KEY_ID = FAKE_AWS_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = FAKE_AWS_CREDENTIALS.secretAccessKey;
});

afterAll(async () => {
  process.env = savedEnv;
  await Promise.all([
    cloudFormation?.stop(),
    ssm?.stop(),
    rm(dir, { recursive: true, force: true }),
  ]);
});

beforeEach(async () => {
  await writeRunningStack(stateFile, {
    urls: { callback: LOCAL_URL },
    tencent: { url: local.tencent.url, ...TEST_TENCENT_CREDENTIALS },
    callbackKeys: LOCAL_KEYS,
  });
  cloudFormation.stacks.clear();
  cloudFormation.stacks.set('tencent-css-recordings-prod', { CallbackUrl: DEPLOYED_URL });
  ssm.parameters.clear();
  ssm.puts.length = 0;
});

const localEnv = () => ({ LOCAL_STATE_FILE: stateFile });

const deployedEnv = (overrides: Record<string, string> = {}) => ({
  LOCAL_STATE_FILE: join(dir, 'no-stack.json'),
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.endpoint,
  AWS_ENDPOINT_URL_SSM: ssm.endpoint,
  TENCENTCLOUD_SECRET_ID: TEST_TENCENT_CREDENTIALS.secretId,
  TENCENTCLOUD_SECRET_KEY: TEST_TENCENT_CREDENTIALS.secretKey,
  TENCENTCLOUD_ENDPOINT: local.tencent.url,
  ...overrides,
});

/** Runs the command; whatever it printed is checked for secrets on the way. */
async function run(
  argv: string[],
  env: Record<string, string> = localEnv(),
  hooks: WiringHooks = {},
) {
  const result = await runCommand(tencentCommand, argv, { env, hooks });
  const text = `${result.out}\n${result.err}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
  return result;
}

/** Requests that change the account, by action. */
function mutations(tencent: LocalTencent = local.tencent): Record<string, number> {
  return Object.fromEntries(
    Object.entries(tencent.state.counters.requests).filter(
      ([action]) => !action.startsWith('Describe'),
    ),
  );
}

describe('npm run tencent -- setup, against the local stack', () => {
  it('creates the stage template with every URL and the newest key, and binds the domain', async () => {
    const { code, out } = await run(['setup', '--domain', DOMAIN]);

    expect(code).toBe(0);
    expect(out).toContain('Setup of push.example.com/live for the local stack (npm start)');
    expect(out).toContain(`  Tencent       the local Tencent at ${local.tencent.url}`);
    expect(out).toContain(`  Callback URL  ${LOCAL_URL} (the local stack's)`);
    expect(out).toContain("  Callback key  the newest of the local stack's 2 keys (CALLBACK_KEY)");
    expect(out).toContain('Template tencent-css-recordings-local: created (template 1001)');
    expect(out).toContain(
      'Binding push.example.com/live → template 1001: created (the local Tencent applies it at once)',
    );
    const binding = local.tencent.state.binding(DOMAIN);
    expect(binding?.template).toMatchObject({
      TemplateName: 'tencent-css-recordings-local',
      CallbackKey: 'LocalCliKey2',
      ...Object.fromEntries(WIRED_URL_FIELDS.map((field) => [field, LOCAL_URL])),
    });
  });

  it('changes nothing when run a second time', async () => {
    await run(['setup', '--domain', DOMAIN]);
    const before = mutations();

    const { code, out } = await run(['setup', '--domain', DOMAIN]);

    expect(code).toBe(0);
    expect(out).toContain('Template tencent-css-recordings-local (1001): unchanged');
    expect(out).toContain('Binding push.example.com/live → template 1001: unchanged');
    expect(out).toContain(
      `Nothing to change: push.example.com/live sends every callback to ${LOCAL_URL}.`,
    );
    expect(mutations()).toEqual(before);
    expect(local.tencent.state.templates()).toHaveLength(1);
    expect(local.tencent.state.rules()).toHaveLength(1);
  });

  it('shows the plan and changes nothing with --dry-run', async () => {
    const { code, out } = await run(['setup', '--domain', DOMAIN, '--dry-run']);

    expect(code).toBe(0);
    expect(out).toContain(
      'Plan:\n  Template tencent-css-recordings-local: create (its notify URLs and key)\n' +
        '  Binding push.example.com/live → template tencent-css-recordings-local: create\n' +
        'Dry run: nothing changed.',
    );
    expect(mutations()).toEqual({});
    expect(local.tencent.state.templates()).toEqual([]);
  });

  it('puts back what was changed by hand, and only that', async () => {
    await run(['setup', '--domain', DOMAIN]);
    local.tencent.state.updateTemplate(1001, { RecordNotifyUrl: 'https://old.example.com/cb' });

    const { code, out } = await run(['setup', '--domain', DOMAIN]);

    expect(code).toBe(0);
    expect(out).toContain('Template tencent-css-recordings-local (1001): modify RecordNotifyUrl');
    expect(out).toContain('Template tencent-css-recordings-local (1001): modified');
    expect(local.tencent.state.template(1001)?.RecordNotifyUrl).toBe(LOCAL_URL);
  });

  it('refuses to replace a binding to another template, naming it, unless --force', async () => {
    const other = local.tencent.state.addTemplate({
      ...noNotifyUrls(),
      TemplateName: 'hand-made',
      Description: '',
      CallbackKey: '',
      StreamMixNotifyUrl: '',
      RecordExceptionLevels: [],
    });
    local.tencent.state.addRule(DOMAIN, 'live', other.TemplateId);

    const refused = await run(['setup', '--domain', DOMAIN]);

    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `push.example.com/live is bound to template ${other.TemplateId} (hand-made), not ` +
        'tencent-css-recordings-local: run setup again with --force to replace that binding, or ' +
        "unbind it in Tencent's CSS console",
    );
    expect(mutations()).toEqual({});

    const forced = await run(['setup', '--domain', DOMAIN, '--force']);

    expect(forced.code).toBe(0);
    expect(forced.out).toContain(
      `Binding push.example.com/live → template ${other.TemplateId} (hand-made): deleted`,
    );
    expect(local.tencent.state.binding(DOMAIN)?.template.TemplateName).toBe(
      'tencent-css-recordings-local',
    );
    expect(local.tencent.state.template(other.TemplateId)).toBeDefined();
  });

  it('refuses a --key the local stack does not accept, before changing anything', async () => {
    const { code, err } = await run(['setup', '--domain', DOMAIN, '--key', 'SomeOtherKey9']);

    expect(code).toBe(1);
    expect(err).toBe(
      'The --key given is not one the local stack accepts: restart npm start with CALLBACK_KEY ' +
        'set to it, or run setup without --key',
    );
    expect(err).not.toContain('SomeOtherKey9');
    expect(mutations()).toEqual({});
  });

  it('says to start the local stack when --stage local names none', async () => {
    const { code, err } = await run(['setup', '--domain', DOMAIN, '--stage', 'local'], {
      LOCAL_STATE_FILE: join(dir, 'no-stack.json'),
    });

    expect(code).toBe(1);
    expect(err).toBe('The local stack is not running: start it with `npm start` first.');
  });
});

describe('npm run tencent -- status', () => {
  it('shows the binding, every URL and the key as set, and exits 0 when wired as setup wires it', async () => {
    await run(['setup', '--domain', DOMAIN]);

    const { code, out } = await run(['status', '--domain', DOMAIN]);

    expect(code).toBe(0);
    expect(out).toMatch(
      /Binding {5}template 1001 \(tencent-css-recordings-local\), since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(Beijing time\)/,
    );
    expect(out).toContain(`  RecordNotifyUrl           ${LOCAL_URL}`);
    expect(out).toContain('  RecordStatusNotifyUrl     (Tencent does not show it)');
    expect(out).toContain(
      "  CallbackKey               set, the newest of the local stack's 2 keys",
    );
    expect(out).toContain(`Wired as setup wires it: every callback goes to ${LOCAL_URL}`);
  });

  it('exits 1 and says what to run when the domain is not wired', async () => {
    const { code, out, err } = await run(['status', '--domain', DOMAIN, '--app', 'vip']);

    expect(code).toBe(1);
    expect(out).toContain('Binding     none: push.example.com/vip sends no callbacks');
    expect(err).toBe(
      'Not wired as setup would wire it (no template tencent-css-recordings-local; not bound): ' +
        'run npm run tencent -- setup --domain push.example.com --app vip',
    );
  });

  it('tells a key that differs from the service key without showing either', async () => {
    await run(['setup', '--domain', DOMAIN]);
    local.tencent.state.updateTemplate(1001, { CallbackKey: 'HandTypedKey7' });
    secrets.add('HandTypedKey7');

    const { code, out, err } = await run(['status', '--domain', DOMAIN]);

    expect(code).toBe(1);
    expect(out).toContain(
      "  CallbackKey               set, but not the newest of the local stack's 2 keys",
    );
    expect(err).toContain('template tencent-css-recordings-local differs: CallbackKey');
  });
});

describe('npm run tencent -- remove', () => {
  it('unbinds the domain and deletes the template nothing else uses; a second run has nothing to do', async () => {
    await run(['setup', '--domain', DOMAIN]);

    const first = await run(['remove', '--domain', DOMAIN]);
    const second = await run(['remove', '--domain', DOMAIN]);

    expect(first.code).toBe(0);
    expect(first.out).toContain(
      'Binding push.example.com/live → template 1001 (tencent-css-recordings-local): deleted',
    );
    expect(first.out).toContain('Template tencent-css-recordings-local (1001): deleted');
    expect(local.tencent.state.templates()).toEqual([]);
    expect(second.code).toBe(0);
    expect(second.out).toContain(
      'Nothing to remove: push.example.com/live sends no callbacks to this stage.',
    );
  });

  it('keeps the template while another domain uses it', async () => {
    await run(['setup', '--domain', DOMAIN]);
    await run(['setup', '--domain', 'push2.example.com']);

    const { code, out } = await run(['remove', '--domain', DOMAIN]);

    expect(code).toBe(0);
    expect(out).toContain(
      'Template tencent-css-recordings-local (1001): kept (still bound to push2.example.com/live)',
    );
    expect(local.tencent.state.binding('push2.example.com')).toBeDefined();
  });

  it('changes nothing with --dry-run', async () => {
    await run(['setup', '--domain', DOMAIN]);
    const before = mutations();

    const { code, out } = await run(['remove', '--domain', DOMAIN, '--dry-run']);

    expect(code).toBe(0);
    expect(out).toContain('Dry run: nothing changed.');
    expect(mutations()).toEqual(before);
  });
});

describe('npm run tencent, against a deployed stage', () => {
  it('wires the stack output URL with a generated key it stores as a SecureString, printing neither', async () => {
    const { code, out } = await run(
      ['setup', '--domain', DOMAIN, '--stage', 'prod'],
      deployedEnv(),
    );

    expect(code).toBe(0);
    expect(out).toContain('Setup of push.example.com/live for stage prod in us-east-1');
    expect(out).toContain(
      `  Tencent       Tencent Cloud at ${local.tencent.url} (SecretId AKID…ly01)`,
    );
    expect(out).toContain(
      `  Callback URL  ${DEPLOYED_URL} (output CallbackUrl of stack tencent-css-recordings-prod)`,
    );
    expect(out).toContain(
      `  Callback key  a new key, to be stored as SSM SecureString ${PARAMETER}`,
    );
    expect(out).toContain(
      `Key parameter ${PARAMETER}: created (SecureString; the service reads it within 5 minutes)`,
    );
    expect(out).toContain('(takes 5-10 minutes to take effect on Tencent)');
    const stored = ssm.parameters.get(PARAMETER) ?? '';
    expect(stored).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(ssm.types.get(PARAMETER)).toBe('SecureString');
    expect(out).not.toContain(stored);
    expect(local.tencent.state.binding(DOMAIN)?.template).toMatchObject({
      TemplateName: 'tencent-css-recordings-prod',
      CallbackKey: stored,
      RecordNotifyUrl: DEPLOYED_URL,
    });

    const again = await run(['setup', '--domain', DOMAIN, '--stage', 'prod'], deployedEnv());

    expect(again.out).toContain('Nothing to change');
    expect(ssm.puts).toEqual([
      { name: PARAMETER, type: 'SecureString', overwrite: false, signedCorrectly: true },
    ]);
  });

  it('signs with the newest of the stored keys, and stores nothing on a dry run', async () => {
    ssm.parameters.set(PARAMETER, 'StoredOldKey1,StoredNewKey2');

    const { code, out } = await run(
      ['setup', '--domain', DOMAIN, '--stage', 'prod'],
      deployedEnv(),
    );

    expect(code).toBe(0);
    expect(out).toContain(`  Callback key  the newest of the 2 keys in SSM parameter ${PARAMETER}`);
    expect(local.tencent.state.binding(DOMAIN)?.template.CallbackKey).toBe('StoredNewKey2');

    ssm.parameters.clear();
    const dry = await run(
      ['setup', '--domain', 'push2.example.com', '--stage', 'prod', '--dry-run'],
      deployedEnv(),
    );

    expect(dry.out).toContain(`  Key parameter ${PARAMETER}: create (SecureString)`);
    expect(ssm.parameters.has(PARAMETER)).toBe(false);
  });

  it('says to deploy first when the stack does not exist', async () => {
    const { code, err } = await run(['setup', '--domain', DOMAIN, '--stage', 'qa'], deployedEnv());

    expect(code).toBe(1);
    expect(err).toBe(
      'Stack tencent-css-recordings-qa does not exist in us-east-1: deploy it first ' +
        '(npm run deploy -- --stage qa --region us-east-1), or pass --url',
    );
  });

  it.each([
    [
      'a wrong SecretKey',
      { TENCENTCLOUD_SECRET_KEY: WRONG_SECRET_KEY },
      'Tencent refused the credentials (AuthFailure.SignatureFailure): check TENCENTCLOUD_SECRET_KEY',
    ],
    [
      'an unknown SecretId',
      { TENCENTCLOUD_SECRET_ID: 'AKIDnobodyHasThisId000' },
      'Tencent refused the credentials (AuthFailure.SecretIdNotFound): check TENCENTCLOUD_SECRET_ID',
    ],
    [
      'no SecretId',
      { TENCENTCLOUD_SECRET_ID: '' },
      "Environment variable TENCENTCLOUD_SECRET_ID is required (the SecretId of a Tencent Cloud API key; create one in Tencent's API key console)",
    ],
  ])('fails on one line with %s, changing nothing', async (_name, overrides, line) => {
    const { code, err } = await run(
      ['setup', '--domain', DOMAIN, '--stage', 'prod'],
      deployedEnv(overrides),
    );

    expect(code).toBe(1);
    expect(err).toBe(line);
    expect(mutations()).toEqual({});
  });
});

describe('npm run tencent when Tencent throttles', () => {
  // The throttling is injected: the local Tencent refuses exactly the requests a test names.
  const env = () => deployedEnv({ AWS_ENDPOINT_URL_SSM: ssm.endpoint });
  const noWait = { backoff: { sleep: async () => undefined } };

  it('backs off and succeeds once Tencent serves again, each throttled request retried', async () => {
    ssm.parameters.set(PARAMETER, 'StoredNewKey2');
    local.tencent.state.injectFault({ kind: 'refuse', code: 'RequestLimitExceeded', times: 3 });

    const { code } = await run(['setup', '--domain', DOMAIN, '--stage', 'prod'], env(), noWait);

    expect(code).toBe(0);
    expect(local.tencent.state.counters.throttled).toBe(3);
    expect(local.tencent.state.binding(DOMAIN)).toBeDefined();
  });

  it('gives up after six throttled attempts, on one line', async () => {
    ssm.parameters.set(PARAMETER, 'StoredNewKey2');
    local.tencent.state.injectFault({
      kind: 'refuse',
      code: 'RequestLimitExceeded',
      action: 'DescribeLiveCallbackRules',
      times: 6,
    });

    const { code, err } = await run(
      ['status', '--domain', DOMAIN, '--stage', 'prod'],
      env(),
      noWait,
    );

    expect(code).toBe(1);
    expect(err).toBe(
      'Tencent throttled DescribeLiveCallbackRules (RequestLimitExceeded) 6 times in a row: try again later, or make fewer requests a second',
    );
    expect(local.tencent.state.counters.throttled).toBe(6);
  });

  it('refuses, on one line, a TENCENT_REQUESTS_PER_SECOND over Tencent’s limit, sending nothing', async () => {
    const { code, err } = await run(
      ['status', '--domain', DOMAIN, '--stage', 'prod'],
      deployedEnv({ TENCENT_REQUESTS_PER_SECOND: '25' }),
    );

    expect(code).toBe(1);
    expect(err).toBe(
      `Environment variable TENCENT_REQUESTS_PER_SECOND must be a whole number from 1 to 20 (Tencent's limit per action), not "25"`,
    );
    expect(local.tencent.state.counters.requests).toEqual({});
  });
});

describe('npm run tencent --help', () => {
  it.each(['setup', 'status', 'remove'])('explains %s and exits 0', async (command) => {
    const { code, out } = await run([command, '--help']);

    expect(code).toBe(0);
    expect(out).toContain(`Usage: npm run tencent -- ${command} --domain D`);
  });

  it('exits 2 with the usage for an unknown command or a missing --domain', async () => {
    const unknown = await run(['wire']);
    const missing = await run(['setup']);

    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command "wire": use setup, status or remove.');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Give --domain, the push domain (for example push.example.com).');
    expect(missing.err).toContain('Usage: npm run tencent -- setup --domain D');
  });
});
