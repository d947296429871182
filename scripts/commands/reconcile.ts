// `npm run reconcile -- --since <time> [--until <time>] [--stream S]... [--dry-run]`
// `npm run reconcile -- --list-unverified [--older-than <duration>]`
import { DEFAULT_UNVERIFIED_AFTER_HOURS } from '../../lib/config';
import { defineCommand, runMain } from '../cli/command';
import { UsageError } from '../cli/errors';
import { TARGET_OPTIONS } from '../cli/target';
import { timeValue } from '../cli/values';
import { listUnverified, reconcileWindow } from '../reconcile/run-reconcile';

export const reconcileCommand = defineCommand({
  summary: `Reads Tencent's callback history and brings the service in line with it: what
Tencent sent and the service never received is stored and published (recovered), what it holds
is marked verified, what it holds with other content is replaced by Tencent's.`,
  usage: [
    'npm run reconcile -- --since <time> [--until <time>] [--stream NAME]... [--dry-run]',
    'npm run reconcile -- --list-unverified [--older-than <duration>]',
  ],
  options: {
    since: {
      type: 'string',
      value: '<time>',
      help:
        "the window's start: an ISO time (2026-11-28T10:00:00Z) or a duration back\n" +
        'from now (90m, 6h, 2d); Tencent keeps 14 days',
    },
    until: { type: 'string', value: '<time>', help: "the window's end (default: now)" },
    stream: {
      type: 'string',
      multiple: true,
      value: 'NAME',
      help: 'only this stream (repeatable; default: every stream live in the window)',
    },
    'event-type': {
      type: 'string',
      multiple: true,
      value: 'N',
      help: 'only callbacks of this event_type (0, 1, 100 or 200; repeatable; default all)',
    },
    'dry-run': { type: 'boolean', help: 'read and compare, change nothing' },
    'list-unverified': {
      type: 'boolean',
      help: "list delivered records Tencent's history has not confirmed",
    },
    'older-than': {
      type: 'string',
      value: '<d>',
      help: `with --list-unverified: unconfirmed for longer than this (default ${DEFAULT_UNVERIFIED_AFTER_HOURS}h)`,
    },
    ...TARGET_OPTIONS,
  },
  notes: `Against a deployed stage it reads Tencent with TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY
and the tables and bus with your shell's AWS credentials. A run stopped half-way (Ctrl-C) resumes
where it was when run again with the same options.`,
  run: async ({ values, argv }, io) => {
    const now = new Date();
    const target = { stage: values.stage, region: values.region };
    if (values['list-unverified']) {
      const olderThan = values['older-than'] ?? `${DEFAULT_UNVERIFIED_AFTER_HOURS}h`;
      const before = timeValue('--older-than', olderThan, now);
      return listUnverified({ ...target, before, olderThan }, io);
    }
    if (values.since === undefined) throw new UsageError('Give --since (or --list-unverified).');
    const window = {
      start: timeValue('--since', values.since, now),
      end: values.until === undefined ? now : timeValue('--until', values.until, now),
    };
    if (!(window.start < window.end)) throw new UsageError('--since must be before --until.');
    return reconcileWindow(
      {
        ...target,
        window,
        ...(values.stream && { streams: values.stream }),
        ...(values['event-type'] && { eventTypes: values['event-type'].map(eventTypeOption) }),
        dryRun: values['dry-run'] === true,
        // What the person typed, so that running the same command again resumes the same job.
        job: `cli ${argv.filter((arg) => arg !== '--dry-run').join(' ')}`,
      },
      io,
    );
  },
});

function eventTypeOption(text: string): number {
  if (!['0', '1', '100', '200'].includes(text.trim())) {
    throw new UsageError(`--event-type ${text}: Tencent's history holds 0, 1, 100 and 200 only.`);
  }
  return Number(text);
}

if (require.main === module) runMain(reconcileCommand);
