import { parseArgs } from 'node:util';
import { TencentApiError, TencentError, type BackoffOptions } from '../../lib/tencent';
import { NOTIFY_URL_FIELDS, type CallBackTemplateInfo } from '../../lib/tencent/types';
import {
  DEFAULT_APP_NAME,
  UNREPORTED_URL_FIELDS,
  WIRED_URL_FIELDS,
  applyRemove,
  applySetup,
  changesNothing,
  planRemove,
  planSetup,
  readTencentWiring,
  ruleOf,
  stageTemplate,
  wiringTemplateName,
  type AppliedStep,
  type BindingStep,
  type PushPath,
  type RemovePlan,
  type SetupPlan,
  type TemplateField,
  type TemplateRef,
  type TemplateStep,
} from '../../lib/tencent/wiring';
import { resolveCallbackEndpoint, type CallbackEndpoint } from './callback-endpoint';
import type { CliIo } from '../cli/io';
import type { KeyParameter } from './key-parameter';
import { CliError, SERVICE_NAME, resolveTarget, type Target } from '../cli/target';
import { tencentConnection, type TencentConnection } from '../cli/tencent-connection';

const COMMON_OPTIONS = `  --domain D    the push domain (required)
  --app A       the push path (AppName; default ${DEFAULT_APP_NAME})
  --stage S     the deployed stage (default: the running local stack, else dev)
  --region R    its AWS region (default: AWS_REGION, else us-east-1)`;

const TARGETS = `Against the local stack (npm start runs one) it works on the local Tencent, with the stack's
callback URL and key. Against a deployed stage it needs TENCENTCLOUD_SECRET_ID and
TENCENTCLOUD_SECRET_KEY (TENCENTCLOUD_ENDPOINT for another address) and the shell's AWS
credentials. It never prints a key.`;

const USAGES = {
  setup: `Wires a push domain to the service: Tencent sends every callback there, signed.

Usage: npm run tencent -- setup --domain D [--app A] [--url URL] [--key KEY]
                                 [--stage S] [--region R] [--force] [--dry-run]

Creates or updates the callback template <service>-<stage> (every notify URL the service
handles points at the callback URL; CallbackKey is the key) and binds the domain to it.
Running it again changes nothing.

${COMMON_OPTIONS}
  --url URL     the callback URL (default: the stack's CallbackUrl output)
  --key KEY     the key, one the service accepts (default: the key in the stage's SSM
                parameter; with none there, a new key is generated and stored there)
  --force       replace a binding of the domain to another template
  --dry-run     show the plan, change nothing

${TARGETS}`,
  status: `Shows how a push domain is wired: its binding, the template's URLs, and whether setup
would change anything (exit 0 when it would not).

Usage: npm run tencent -- status --domain D [--app A] [--url URL] [--key KEY] [--stage S] [--region R]

${COMMON_OPTIONS}
  --url URL     compare with this callback URL instead of the stack's
  --key KEY     compare with this key instead of the stage's

${TARGETS}`,
  remove: `Unbinds a push domain from the stage's template, and deletes the template once nothing
else uses it.

Usage: npm run tencent -- remove --domain D [--app A] [--stage S] [--region R] [--force] [--dry-run]

${COMMON_OPTIONS}
  --force       unbind the domain even from a template that is not the stage's
  --dry-run     show the plan, change nothing

${TARGETS}`,
} as const;

type Command = keyof typeof USAGES;

/** Which options each command takes, besides --domain, --app, --stage, --region and --help. */
const EXTRA_OPTIONS: Record<Command, readonly string[]> = {
  setup: ['url', 'key', 'force', 'dry-run'],
  status: ['url', 'key'],
  remove: ['force', 'dry-run'],
};

export function tencentUsage(): string {
  return `Wires Tencent Cloud CSS callbacks of a push domain to the service.

Usage: npm run tencent -- setup  --domain D [--app A] [--url URL] [--key KEY] [--force] [--dry-run]
       npm run tencent -- status --domain D [--app A]
       npm run tencent -- remove --domain D [--app A] [--force] [--dry-run]
       (each also takes --stage S --region R; --help on a command explains it)

${TARGETS}`;
}

interface Args {
  domain: string;
  app: string;
  url?: string;
  key?: string;
  stage?: string;
  region?: string;
  force: boolean;
  dryRun: boolean;
}

/** For tests: how throttling is retried (real waits by default). */
export interface TencentCommandHooks {
  backoff?: BackoffOptions;
  /** The stage's key parameter instead of SSM's. */
  keyParameter?: KeyParameter;
}

/**
 * `npm run tencent -- <command> ...`: returns the exit code (0 success, 1 failure, 2 misuse).
 * Every failure is one line on `io.err` that says what to do.
 */
export async function tencentCommand(
  argv: string[],
  io: CliIo,
  hooks: TencentCommandHooks = {},
): Promise<number> {
  let command: Command;
  let args: Args;
  try {
    const parsed = parseCommand(argv);
    if ('help' in parsed) {
      io.out(parsed.help);
      return 0;
    }
    ({ command, args } = parsed);
  } catch (error) {
    if (!(error instanceof CliError) && !isParseError(error)) throw error;
    io.err((error as Error).message);
    io.err('');
    io.err(error instanceof UsageError && error.command ? USAGES[error.command] : tencentUsage());
    return 2;
  }

  try {
    switch (command) {
      case 'setup':
        return await setup(args, io, hooks);
      case 'status':
        return await status(args, io, hooks);
      case 'remove':
        return await remove(args, io, hooks);
    }
  } catch (error) {
    const line = failureLine(error);
    if (line === undefined) throw error;
    io.err(line);
    return 1;
  }
}

/** A misuse of the command line; the usage of `command` (or of all) goes with its message. */
class UsageError extends CliError {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

function parseCommand(argv: string[]): { help: string } | { command: Command; args: Args } {
  const named = argv.find((arg) => !arg.startsWith('-'));
  const forCommand =
    named !== undefined && Object.hasOwn(USAGES, named) ? (named as Command) : undefined;
  try {
    return parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError || !isParseError(error)) throw error;
    throw new UsageError((error as Error).message, forCommand);
  }
}

function parseCommandLine(argv: string[]): { help: string } | { command: Command; args: Args } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      domain: { type: 'string' },
      app: { type: 'string' },
      url: { type: 'string' },
      key: { type: 'string' },
      stage: { type: 'string' },
      region: { type: 'string' },
      force: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [name, ...extra] = positionals;
  if (name === undefined) {
    if (values.help) return { help: tencentUsage() };
    throw new UsageError('Give a command: setup, status or remove.');
  }
  if (!Object.hasOwn(USAGES, name)) {
    throw new UsageError(`Unknown command ${JSON.stringify(name)}: use setup, status or remove.`);
  }
  const command = name as Command;
  if (values.help) return { help: USAGES[command] };
  if (extra.length > 0) {
    throw new UsageError(`Unexpected argument ${JSON.stringify(extra[0])}.`, command);
  }
  for (const option of ['url', 'key', 'force', 'dry-run'] as const) {
    if (values[option] !== undefined && !EXTRA_OPTIONS[command].includes(option)) {
      throw new UsageError(`${command} takes no --${option}.`, command);
    }
  }
  const domain = values.domain?.trim();
  if (!domain) {
    throw new UsageError('Give --domain, the push domain (for example push.example.com).', command);
  }
  if (!/^[A-Za-z0-9.-]+$/.test(domain)) {
    throw new UsageError(
      `--domain must be a domain name such as push.example.com, not ${JSON.stringify(domain)}.`,
      command,
    );
  }
  const app = values.app?.trim() || DEFAULT_APP_NAME;
  return {
    command,
    args: {
      domain,
      app,
      url: values.url?.trim(),
      key: values.key?.trim(),
      stage: values.stage,
      region: values.region,
      force: values.force ?? false,
      dryRun: values['dry-run'] ?? false,
    },
  };
}

async function setup(args: Args, io: CliIo, hooks: TencentCommandHooks): Promise<number> {
  const { target, tencent, templateName, path } = await begin('Setup', args, io, hooks);
  const endpoint = await resolveCallbackEndpoint(
    target,
    { url: args.url, key: args.key, missingKey: 'generate', keyParameter: hooks.keyParameter },
    io.env,
  );
  printEndpoint(endpoint, io);

  const wiring = await readTencentWiring(tencent.api);
  const plan = planSetup(
    wiring,
    { ...path, templateName, callbackUrl: endpoint.url, callbackKey: endpoint.key },
    { force: args.force },
  );
  io.out('Plan:');
  if (endpoint.pendingKey) {
    io.out(`  Key parameter ${endpoint.pendingKey.name}: create (SecureString)`);
  }
  io.out(`  ${templatePlanLine(plan.template)}`);
  io.out(`  ${bindingPlanLine(plan.binding, templateName)}`);
  if (plan.binding.action === 'conflict') {
    throw new CliError(
      `${pathText(path)} is bound to template ${refText(plan.binding.current)}, not ` +
        `${templateName}: run setup again with --force to replace that binding, or unbind it in ` +
        "Tencent's CSS console",
    );
  }
  const done = `${pathText(path)} sends every callback to ${endpoint.url}.`;
  if (changesNothing(plan) && !endpoint.pendingKey) {
    io.out(`Nothing to change: ${done}`);
    return 0;
  }
  if (args.dryRun) {
    io.out('Dry run: nothing changed.');
    return 0;
  }

  let applied = 0;
  try {
    if (endpoint.pendingKey) {
      await storeKey(endpoint.pendingKey, endpoint.key);
      applied += 1;
      io.out(
        `Key parameter ${endpoint.pendingKey.name}: created (SecureString; the service reads ` +
          'it within 5 minutes)',
      );
    }
    await applySetup(tencent.api, plan, (step) => {
      applied += 1;
      io.out(appliedLine(step, tencent));
    });
  } catch (error) {
    throw partly(error, applied, 'run setup again to finish');
  }
  io.out(`Done: ${done}`);
  return 0;
}

async function status(args: Args, io: CliIo, hooks: TencentCommandHooks): Promise<number> {
  const { target, tencent, templateName, path } = await begin('Status', args, io, hooks);
  const wiring = await readTencentWiring(tencent.api);
  const rule = ruleOf(wiring.rules, path);
  const ours = stageTemplate(wiring.templates, templateName, rule);
  const bound =
    rule && wiring.templates.find((template) => template.TemplateId === rule.TemplateId);

  if (rule?.TemplateId === undefined) {
    io.out(`Binding     none: ${pathText(path)} sends no callbacks`);
  } else {
    const since = rule.UpdateTime ?? rule.CreateTime;
    io.out(
      `Binding     template ${refText({ id: rule.TemplateId, name: bound?.TemplateName })}` +
        (since ? `, since ${since} (Beijing time)` : ''),
    );
  }
  const shown = bound ?? ours;
  if (shown?.TemplateId === undefined) {
    io.out(`Template    ${templateName}: none`);
  } else {
    printTemplate(shown, io);
  }

  let endpoint: CallbackEndpoint;
  try {
    endpoint = await resolveCallbackEndpoint(
      target,
      { url: args.url, key: args.key, missingKey: 'fail', keyParameter: hooks.keyParameter },
      io.env,
    );
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`Could not compare with what setup would set: ${error.message}`);
    return 1;
  }
  if (shown?.CallbackKey) {
    const same = shown.CallbackKey === endpoint.key;
    io.out(`  ${'CallbackKey'.padEnd(26)}set, ${same ? '' : 'but not '}${endpoint.keySource}`);
  }
  const plan = planSetup(wiring, {
    ...path,
    templateName,
    callbackUrl: endpoint.url,
    callbackKey: endpoint.key,
  });
  if (changesNothing(plan)) {
    io.out(
      `Wired as setup wires it: every callback goes to ${endpoint.url}, signed with ` +
        `${endpoint.keySource}.`,
    );
    return 0;
  }
  io.err(
    `Not wired as setup would wire it (${differences(plan, templateName).join('; ')}): ` +
      `run ${setupCommand(args, target)}`,
  );
  return 1;
}

async function remove(args: Args, io: CliIo, hooks: TencentCommandHooks): Promise<number> {
  const { tencent, templateName, path } = await begin('Remove', args, io, hooks);
  const plan = planRemove(
    await readTencentWiring(tencent.api),
    { ...path, templateName },
    {
      force: args.force,
    },
  );
  io.out('Plan:');
  io.out(`  ${unbindPlanLine(plan)}`);
  io.out(`  ${templateRemovalLine(plan)}`);
  if (plan.binding.action !== 'delete' && plan.template.action !== 'delete') {
    io.out(`Nothing to remove: ${pathText(path)} sends no callbacks to this stage.`);
    return 0;
  }
  if (args.dryRun) {
    io.out('Dry run: nothing changed.');
    return 0;
  }
  let applied = 0;
  try {
    await applyRemove(tencent.api, plan, (step) => {
      applied += 1;
      io.out(appliedLine(step, tencent));
    });
  } catch (error) {
    throw partly(error, applied, 'run remove again to finish');
  }
  io.out(
    plan.binding.action === 'delete'
      ? `Done: ${pathText(path)} sends no callbacks any more.`
      : `Done: template ${templateName} is gone.`,
  );
  return 0;
}

/** The target, the Tencent connection and the first lines every command prints. */
async function begin(verb: string, args: Args, io: CliIo, hooks: TencentCommandHooks) {
  const target = await resolveTarget({ stage: args.stage, region: args.region }, io.env);
  const path: PushPath = { domain: args.domain, app: args.app };
  io.out(`${verb} of ${pathText(path)} for ${describeTarget(target, args)}`);
  const tencent = tencentConnection(target, io.env, hooks);
  io.out(`  Tencent       ${tencent.description}`);
  return { target, tencent, path, templateName: wiringTemplateName(SERVICE_NAME, target.stage) };
}

function describeTarget(target: Target, args: Args): string {
  if (target.local || args.stage !== undefined) return target.description;
  return `${target.description} (no local stack runs; --stage names another)`;
}

function printEndpoint(endpoint: CallbackEndpoint, io: CliIo): void {
  io.out(`  Callback URL  ${endpoint.url} (${endpoint.urlSource})`);
  io.out(`  Callback key  ${endpoint.keySource}`);
}

function printTemplate(template: CallBackTemplateInfo, io: CliIo): void {
  io.out(`Template    ${refName({ id: template.TemplateId ?? 0, name: template.TemplateName })}`);
  for (const field of NOTIFY_URL_FIELDS) {
    const value = UNREPORTED_URL_FIELDS.has(field)
      ? '(Tencent does not show it)'
      : (template as Record<string, string | undefined>)[field] || '(not set)';
    io.out(`  ${field.padEnd(26)}${value}`);
  }
  if (!template.CallbackKey) io.out(`  ${'CallbackKey'.padEnd(26)}not set`);
}

function templatePlanLine(step: TemplateStep): string {
  switch (step.action) {
    case 'create':
      return `Template ${step.name}: create (its notify URLs and key)`;
    case 'modify':
      return `Template ${refName(step.template)}: modify ${changedText(step.changed)}`;
    case 'unchanged':
      return `Template ${refName(step.template)}: unchanged`;
  }
}

function bindingPlanLine(step: BindingStep, templateName: string): string {
  const path = pathText(step);
  switch (step.action) {
    case 'create':
      return `Binding ${path} → template ${templateName}: create`;
    case 'unchanged':
      return `Binding ${path} → template ${step.template.id}: unchanged`;
    case 'replace':
      return `Binding ${path}: replace template ${refText(step.current)} with ${templateName} (--force)`;
    case 'conflict':
      return `Binding ${path}: bound to template ${refText(step.current)}, not ${templateName}`;
  }
}

function unbindPlanLine({ binding }: RemovePlan): string {
  const path = pathText(binding);
  switch (binding.action) {
    case 'delete':
      return `Binding ${path} → template ${refText(binding.template)}: delete`;
    case 'absent':
      return `Binding ${path}: none`;
    case 'foreign':
      return (
        `Binding ${path} → template ${refText(binding.template)}: not this stage's, left alone ` +
        '(--force removes it)'
      );
  }
}

function templateRemovalLine({ template }: RemovePlan): string {
  switch (template.action) {
    case 'delete':
      return `Template ${refName(template.template)}: delete (nothing else uses it)`;
    case 'keep':
      return `Template ${refName(template.template)}: kept (still bound to ${template.usedBy.map(pathText).join(', ')})`;
    case 'absent':
      return `Template ${template.name}: none`;
  }
}

function appliedLine(step: AppliedStep, tencent: TencentConnection): string {
  if (step.kind === 'template') {
    return step.action === 'created'
      ? `Template ${step.template.name ?? step.template.id}: created (template ${step.template.id})`
      : `Template ${refName(step.template)}: ${step.action}`;
  }
  const path = pathText(step);
  if (step.action === 'deleted')
    return `Binding ${path} → template ${refText(step.template)}: deleted`;
  const delay = tencent.local
    ? 'the local Tencent applies it at once'
    : 'takes 5-10 minutes to take effect on Tencent';
  return `Binding ${path} → template ${step.template.id}: created (${delay})`;
}

/** Why a status is not what setup leaves, from the plan setup would carry out. */
function differences(plan: SetupPlan, templateName: string): string[] {
  const reasons: string[] = [];
  if (plan.template.action === 'create') reasons.push(`no template ${templateName}`);
  if (plan.template.action === 'modify') {
    reasons.push(`template ${templateName} differs: ${changedText(plan.template.changed)}`);
  }
  if (plan.binding.action === 'create') reasons.push('not bound');
  if (plan.binding.action === 'conflict') {
    reasons.push(`bound to template ${refText(plan.binding.current)}`);
  }
  return reasons;
}

function setupCommand(args: Args, target: Target): string {
  const options = [`--domain ${args.domain}`];
  if (args.app !== DEFAULT_APP_NAME) options.push(`--app ${args.app}`);
  if (!target.local && args.stage !== undefined) options.push(`--stage ${args.stage}`);
  if (!target.local && args.region !== undefined) options.push(`--region ${args.region}`);
  return `npm run tencent -- setup ${options.join(' ')}`;
}

async function storeKey(parameter: KeyParameter, key: string): Promise<void> {
  if (!(await parameter.create(key))) {
    throw new CliError(
      `SSM parameter ${parameter.name} was created meanwhile (by another setup?): run setup ` +
        'again, which uses the key stored there',
    );
  }
}

/** A failure after some changes were made: the line says so, and how to finish. */
function partly(error: unknown, applied: number, finish: string): unknown {
  if (applied === 0) return error;
  const line = failureLine(error);
  if (line === undefined) return error;
  return new CliError(`${line} (the changes above are made: ${finish})`, { cause: error });
}

/** What to do about some of Tencent's refusals, by code. */
const TENCENT_HINTS: Record<string, string> = {
  'InternalError.ConfOutLimit':
    'Tencent holds 50 callback templates, its limit: delete one you no longer use (CSS console, Live Stream Callback)',
  'InvalidParameter.DomainFormatError': 'check --domain',
  'ResourceNotFound.DomainNotExist': 'add the push domain to CSS first, or check --domain',
  'InvalidParameter.InvalidCallbackUrl': 'check --url',
  'InvalidParameter.UrlNotSafe':
    'Tencent refuses callback URLs of private addresses: wire a deployed stage, or pass --url',
  'InternalError.RuleAlreadyExist': 'the domain was bound meanwhile: run the command again',
  'FailedOperation.ConfInUsed': 'another push path uses the template: unbind it first',
};

/** One line for a failure a person can act on; undefined for a bug (shown in full). */
export function failureLine(error: unknown): string | undefined {
  if (error instanceof CliError) return error.message;
  if (error instanceof TencentApiError) {
    const hint = TENCENT_HINTS[error.code];
    return hint ? `${error.message}: ${hint}` : error.message;
  }
  if (error instanceof TencentError) return error.message;
  return undefined;
}

/** `every notify URL, CallbackKey` rather than nine names, when all differ. */
function changedText(changed: readonly TemplateField[]): string {
  const reported = WIRED_URL_FIELDS.filter((field) => !UNREPORTED_URL_FIELDS.has(field));
  const urls = changed.filter((field) => field !== 'CallbackKey');
  const names =
    reported.length > 1 && reported.every((field) => urls.includes(field))
      ? ['every notify URL', ...changed.filter((field) => field === 'CallbackKey')]
      : changed;
  return names.join(', ');
}

function pathText(path: PushPath): string {
  return `${path.domain}/${path.app}`;
}

function refText(ref: { id: number; name?: string }): string {
  return ref.name ? `${ref.id} (${ref.name})` : String(ref.id);
}

function refName(ref: TemplateRef): string {
  return ref.name ? `${ref.name} (${ref.id})` : String(ref.id);
}

function isParseError(error: unknown): boolean {
  return String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
}
