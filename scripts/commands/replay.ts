// `npm run replay -- --rule NAME --since <time> [--until <time>] [--dry-run]`, `--list-rules`
import { defineCommand, runMain } from '../cli/command';
import { UsageError } from '../cli/errors';
import { TARGET_OPTIONS } from '../cli/target';
import { timeValue } from '../cli/values';
import { listRules, replayWindow, type ReplayHooks } from '../replay/run-replay';

export const replayCommand = defineCommand({
  summary: `Replays the bus's archive to one subscriber's rule: the events of a window are sent
to that rule again, for a subscriber fixed after a bug. Shows progress and waits for the end.`,
  usage: [
    'npm run replay -- --rule NAME --since <time> [--until <time>] [--dry-run]',
    'npm run replay -- --all-rules --since <time> [--until <time>] [--dry-run]',
    'npm run replay -- --list-rules',
  ],
  options: {
    rule: {
      type: 'string',
      value: 'NAME',
      help: 'the rule to replay to (--list-rules lists them)',
    },
    'all-rules': {
      type: 'boolean',
      help: 'replay to every rule of the bus instead: every subscriber gets the window again',
    },
    since: {
      type: 'string',
      value: '<time>',
      help: "the window's start: an ISO time, or a duration back from now (30m, 2h, 3d)",
    },
    until: { type: 'string', value: '<time>', help: "the window's end (default: now)" },
    'dry-run': {
      type: 'boolean',
      help: 'check everything and say what would be replayed; start nothing',
    },
    'list-rules': { type: 'boolean', help: "list the bus's rules" },
    ...TARGET_OPTIONS,
  },
  notes: `It uses your shell's AWS credentials, and EventBridge alone. A replayed event is the
original, plus a replay-name field (docs/operations.md, "Replaying events to a subscriber").`,
  run: async ({ values }, io, hooks: ReplayHooks) => {
    const target = { stage: values.stage, region: values.region };
    if (values['list-rules']) return listRules(target, io);
    if (values.rule === undefined && !values['all-rules']) {
      throw new UsageError('Give --rule NAME (--list-rules lists them), or --all-rules.');
    }
    if (values.rule !== undefined && values['all-rules']) {
      throw new UsageError('Give --rule NAME or --all-rules, not both.');
    }
    if (values.since === undefined) throw new UsageError('Give --since: where the window starts.');
    const now = new Date();
    const start = timeValue('--since', values.since, now);
    const end = values.until === undefined ? now : timeValue('--until', values.until, now);
    if (!(start < end)) {
      throw new UsageError(
        `--until (${end.toISOString()}) is not after --since (${start.toISOString()}): the window runs from --since to --until.`,
      );
    }
    return replayWindow(
      {
        ...target,
        ...(values.rule !== undefined && { rule: values.rule }),
        allRules: values['all-rules'] === true,
        start,
        end,
        dryRun: values['dry-run'] === true,
      },
      io,
      hooks,
    );
  },
});

if (require.main === module) runMain(replayCommand);
