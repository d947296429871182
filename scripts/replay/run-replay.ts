import { setTimeout as delay } from 'node:timers/promises';
import { EventBridgeReplayApi } from '../../lib/aws/eventbridge-replay-api';
import type { ReplayApi, RuleInfo } from '../../lib/replay/replay-api';
import { planReplay, ReplayError, runReplay, type ReplayPlan } from '../../lib/replay/replay';
import { CliError } from '../cli/errors';
import type { CliIo } from '../cli/io';
import { busClientFor, resolveTarget, type Target } from '../cli/target';

/*
 * What `npm run replay` does, once its command line is read (scripts/commands/replay.ts): finds
 * the stage's bus, its archive and the rule, starts an EventBridge replay of the window to that
 * rule, and follows it to its end (lib/replay). It talks to EventBridge alone.
 */

export interface ReplayArgs {
  stage?: string;
  region?: string;
  rule?: string;
  allRules: boolean;
  start: Date;
  end: Date;
  dryRun: boolean;
}

/** What a test may pass in: the wait between two looks at the replay. */
export interface ReplayHooks {
  sleep?: (ms: number) => Promise<void>;
}

/** Replays the window to the rule; 0 once EventBridge says it completed, 1 if it did not. */
export async function replayWindow(
  args: ReplayArgs,
  io: CliIo,
  hooks: ReplayHooks = {},
): Promise<number> {
  return withApi(args, io, async (api, target) => {
    const plan = await planned(api, target, args);
    io.out(describePlan(plan));
    if (args.dryRun) {
      io.out('Dry run: nothing was started.');
      return 0;
    }
    let shown = '';
    const end = await runReplay(api, plan, {
      sleep: hooks.sleep ?? ((ms) => delay(ms)),
      onProgress: (state, done) => {
        const line = `${state.state} ${Math.round(done * 100)}%${state.lastReplayedTime ? ` (events up to ${state.lastReplayedTime.toISOString()})` : ''}`;
        if (line !== shown) io.out(`  ${line}`);
        shown = line;
      },
    });
    if (end.state !== 'COMPLETED') {
      throw new CliError(
        `Replay ${plan.replayName} ${end.state.toLowerCase()}: ${end.stateReason ?? 'EventBridge gave no reason'}`,
      );
    }
    io.out(`Replay ${plan.replayName} completed.`);
    return 0;
  });
}

/** Lists the bus's rules: what `--rule` may name. */
export async function listRules(args: Pick<ReplayArgs, 'stage' | 'region'>, io: CliIo) {
  return withApi(args, io, async (api, target) => {
    const rules = await api.rules(target.eventBusName);
    for (const rule of rules) io.out(describeRule(rule));
    io.out(
      `${rules.length} rule${rules.length === 1 ? '' : 's'} on the bus ${target.eventBusName}.`,
    );
    return 0;
  });
}

async function withApi(
  args: Pick<ReplayArgs, 'stage' | 'region'>,
  io: CliIo,
  use: (api: ReplayApi, target: Target) => Promise<number>,
): Promise<number> {
  const target = await resolveTarget(args, io.env);
  if (target.local !== undefined) {
    throw new CliError(
      "The local stack's EventBridge keeps no archive, so there is nothing to replay: replay a deployed stage (--stage S)",
    );
  }
  const client = busClientFor(target);
  try {
    io.out(`Bus ${target.eventBusName} (${target.description})`);
    return await use(new EventBridgeReplayApi(client), target);
  } finally {
    client.destroy();
  }
}

async function planned(api: ReplayApi, target: Target, args: ReplayArgs): Promise<ReplayPlan> {
  try {
    return await planReplay(api, {
      busName: target.eventBusName,
      ...(args.rule !== undefined && { rule: args.rule }),
      allRules: args.allRules,
      start: args.start,
      end: args.end,
      now: new Date(),
    });
  } catch (error) {
    if (error instanceof ReplayError) throw new CliError(error.message, { cause: error });
    throw error;
  }
}

function describePlan(plan: ReplayPlan): string {
  const to = plan.rule ? `rule ${plan.rule.name}` : 'every rule of the bus';
  const kept = plan.archive.retentionDays > 0 ? `${plan.archive.retentionDays} days` : 'for ever';
  return (
    `Replay of archive ${plan.archive.name} (kept ${kept}) to ${to}: events from ` +
    `${plan.start.toISOString()} to ${plan.end.toISOString()}, as ${plan.replayName}`
  );
}

function describeRule(rule: RuleInfo): string {
  return `${rule.name}  ${rule.state ?? ''}  ${rule.eventPattern ?? ''}`.trimEnd();
}
