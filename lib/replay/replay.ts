import { randomBytes } from 'node:crypto';
import {
  ReplayStatus,
  type ArchiveInfo,
  type ReplayApi,
  type ReplayRequest,
  type ReplayState,
} from './replay-api';

/**
 * Replaying the bus's archive to a subscriber: for after a subscriber was fixed, to send it again
 * the events it mishandled (docs/operations.md, "Replaying events"). EventBridge does the replay;
 * this finds what it needs (the bus, its archive, the rule), refuses with one line what cannot
 * work, starts it, and follows it to its end.
 */

/** One line for a person: what is wrong and what to do. Nothing was started. */
export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

export interface ReplayOptions {
  busName: string;
  /** The one rule to replay to; absent only with `allRules`. */
  rule?: string;
  /** Replay to every rule of the bus: never a default, always asked for. */
  allRules?: boolean;
  start: Date;
  end: Date;
  now: Date;
}

export interface ReplayPlan {
  replayName: string;
  busName: string;
  busArn: string;
  archive: ArchiveInfo;
  /** The rule replayed to; absent when replaying to every rule. */
  rule?: { name: string; arn: string };
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;
/** EventBridge's limit on a replay's name, and the characters it allows. */
const MAX_REPLAY_NAME = 64;

/** Checks everything a replay needs, in the order a person would fix it; starts nothing. */
export async function planReplay(api: ReplayApi, options: ReplayOptions): Promise<ReplayPlan> {
  const { busName, now } = options;
  const end = options.end > now ? now : options.end;
  if (!(options.start < end)) {
    throw new ReplayError(
      options.start >= now
        ? `--since (${iso(options.start)}) is not in the past: give a time before now`
        : `--until (${iso(options.end)}) is not after --since (${iso(options.start)}): the window runs from --since to --until`,
    );
  }
  if (!options.rule && !options.allRules) {
    throw new ReplayError(
      'Give --rule NAME (npm run replay -- --list-rules lists them), or --all-rules',
    );
  }
  const busArn = await api.busArn(busName);
  if (busArn === undefined) {
    throw new ReplayError(`No event bus ${busName}: is this stage deployed (npm run deploy)?`);
  }
  const archive = (await api.archivesOf(busArn)).find((candidate) => candidate.state === 'ENABLED');
  if (!archive) {
    throw new ReplayError(
      `The bus ${busName} has no archive to replay from (the local stack's EventBridge keeps none; a deployed stage has one)`,
    );
  }
  if (archive.retentionDays > 0) {
    const oldest = new Date(now.getTime() - archive.retentionDays * DAY_MS);
    if (options.start < oldest) {
      throw new ReplayError(
        `--since (${iso(options.start)}) is older than the archive keeps (${archive.retentionDays} days, from ${iso(oldest)}): give a later time`,
      );
    }
  }
  let rule: ReplayPlan['rule'];
  if (options.rule !== undefined) {
    const arn = await api.ruleArn(busName, options.rule);
    if (arn === undefined) {
      throw new ReplayError(
        `No rule ${options.rule} on the bus ${busName}: npm run replay -- --list-rules lists them`,
      );
    }
    rule = { name: options.rule, arn };
  }
  return {
    replayName: replayNameOf(rule?.name ?? 'all-rules', now),
    busName,
    busArn,
    archive,
    ...(rule && { rule }),
    start: options.start,
    end,
  };
}

export interface RunOptions {
  /** Waits between two looks at the replay's state; injectable so tests need not wait. */
  sleep: (ms: number) => Promise<void>;
  pollMs?: number;
  /** Told of each state read, with how far through the window the replay is (0 to 1). */
  onProgress?: (state: ReplayState, done: number) => void;
}

/** Starts the planned replay and follows it until EventBridge says it has ended. */
export async function runReplay(
  api: ReplayApi,
  plan: ReplayPlan,
  { sleep, pollMs = 5000, onProgress }: RunOptions,
): Promise<ReplayState> {
  const request: ReplayRequest = {
    replayName: plan.replayName,
    archiveArn: plan.archive.arn,
    start: plan.start,
    end: plan.end,
    busArn: plan.busArn,
    ...(plan.rule && { ruleArns: [plan.rule.arn] }),
    description: `npm run replay: ${plan.rule ? `rule ${plan.rule.name}` : 'every rule'}, ${iso(plan.start)} to ${iso(plan.end)}`,
  };
  await api.startReplay(request);
  for (;;) {
    const state = await api.describeReplay(plan.replayName);
    onProgress?.(state, progressOf(plan, state));
    if (ENDED.has(state.state)) return state;
    await sleep(pollMs);
  }
}

const ENDED: ReadonlySet<string> = new Set([
  ReplayStatus.completed,
  ReplayStatus.failed,
  ReplayStatus.cancelled,
]);

/** How far through its window a replay is, by the time of the last event it replayed. */
export function progressOf(plan: Pick<ReplayPlan, 'start' | 'end'>, state: ReplayState): number {
  if (state.state === ReplayStatus.completed) return 1;
  if (!state.lastReplayedTime) return 0;
  const span = plan.end.getTime() - plan.start.getTime();
  const done = (state.lastReplayedTime.getTime() - plan.start.getTime()) / span;
  return Math.min(1, Math.max(0, done));
}

/**
 * A name EventBridge accepts (64 characters of `.-_A-Za-z0-9`) that says what and when, with a
 * random tail: two replays started in the same second must not share a name.
 */
export function replayNameOf(label: string, now: Date): string {
  const stamp = `${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomBytes(3).toString('hex')}`;
  const safe = label.replace(/[^.\-_A-Za-z0-9]/g, '-');
  return `${safe.slice(0, MAX_REPLAY_NAME - stamp.length - 1)}-${stamp}`;
}

function iso(time: Date): string {
  return time.toISOString();
}
