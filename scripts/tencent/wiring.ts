import type { BackoffOptions } from '../../lib/tencent';
import {
  DEFAULT_APP_NAME,
  applyRemove,
  applySetup,
  changesNothing,
  planRemove,
  planSetup,
  readTencentWiring,
  ruleOf,
  stageTemplate,
  wiringTemplateName,
  type PushPath,
} from '../../lib/tencent/wiring';
import { CliError } from '../cli/errors';
import type { CliIo } from '../cli/io';
import { SERVICE_NAME, resolveTarget, type Target } from '../cli/target';
import { tencentConnection } from '../cli/tencent-connection';
import { resolveCallbackEndpoint, type CallbackEndpoint } from './callback-endpoint';
import type { KeyParameter } from './key-parameter';
import {
  appliedLine,
  bindingPlanLine,
  differences,
  pathText,
  printEndpoint,
  printTemplate,
  refText,
  templatePlanLine,
  templateRemovalLine,
  unbindPlanLine,
} from './lines';
import { explained, partly } from './refusals';

/*
 * What `npm run tencent -- setup | status | remove` does, once its command line is read
 * (scripts/commands/tencent.ts): each prints what it finds and plans, changes Tencent (and the
 * stage's key parameter) only as planned, and returns the exit code. A failure is thrown, in the
 * words of {@link explained}: one line that says what to do.
 */

/** A push path of a target, and what to do to it. */
export interface WiringArgs {
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
export interface WiringHooks {
  backoff?: BackoffOptions;
  /** The stage's key parameter instead of SSM's. */
  keyParameter?: KeyParameter;
}

export const setup = withHints(setupWiring);
export const status = withHints(showStatus);
export const remove = withHints(removeWiring);

function withHints(
  step: (args: WiringArgs, io: CliIo, hooks: WiringHooks) => Promise<number>,
): (args: WiringArgs, io: CliIo, hooks: WiringHooks) => Promise<number> {
  return async (args, io, hooks) => {
    try {
      return await step(args, io, hooks);
    } catch (error) {
      throw explained(error);
    }
  };
}

async function setupWiring(args: WiringArgs, io: CliIo, hooks: WiringHooks): Promise<number> {
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

async function showStatus(args: WiringArgs, io: CliIo, hooks: WiringHooks): Promise<number> {
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

async function removeWiring(args: WiringArgs, io: CliIo, hooks: WiringHooks): Promise<number> {
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
async function begin(verb: string, args: WiringArgs, io: CliIo, hooks: WiringHooks) {
  const target = await resolveTarget({ stage: args.stage, region: args.region }, io.env);
  const path: PushPath = { domain: args.domain, app: args.app };
  io.out(`${verb} of ${pathText(path)} for ${describeTarget(target, args)}`);
  const tencent = tencentConnection(target, io.env, hooks);
  io.out(`  Tencent       ${tencent.description}`);
  return { target, tencent, path, templateName: wiringTemplateName(SERVICE_NAME, target.stage) };
}

function describeTarget(target: Target, args: WiringArgs): string {
  if (target.local || args.stage !== undefined) return target.description;
  return `${target.description} (no local stack runs; --stage names another)`;
}

function setupCommand(args: WiringArgs, target: Target): string {
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
