import { randomInt } from 'node:crypto';
import { startLocalVod } from '../../fakes/local-vod';
import { TencentCloudLiveApi } from '../../lib/tencent';
import { DEFAULT_APP_NAME } from '../../lib/tencent/wiring';
import type { CliIo } from '../cli/io';
import { CliError } from '../cli/errors';
import { localStateFile, readLocalState } from '../local/state';
import { archiveWatch, type ArchiveWatch } from './archive-watch';
import {
  deliverCallbacks,
  CALLBACK_GAP_MS,
  type AttemptReport,
  type DeliveryOptions,
  type Destination,
} from './deliver';
import { SIMULATED_EVENTS, type SimulatedEventName } from './events';
import { LocalTencentControl, readBinding } from './local-tencent';
import { SERVED_BYTES_PER_SECOND, serveRecordings } from './recordings';
import { planSession, type SimulatedCallback } from './session';

/**
 * For tests: the clock, the waits, the sender and the seed; how long to wait for the archive's
 * copies.
 */
export type SimulateHooks = Pick<DeliveryOptions, 'now' | 'sleep' | 'post'> & {
  seed?: number;
  archiveWaitMs?: number;
};

/** A push to play, checked (scripts/commands/simulate.ts reads it from the command line). */
export interface SimulateArgs {
  domain: string;
  stream: string;
  app: string;
  files: number;
  everyType: boolean;
  failFirst: number;
  speed: number;
}

/**
 * `npm run simulate`: plays a push session as Tencent would, through the local Tencent `npm start`
 * runs, its recordings' files served by a local VOD it starts; 0 when every callback was answered
 * 200 in the end (and, when they went to a local stack with an archive, every file reached its
 * local S3), 1 otherwise. A failure to reach the stack or the local Tencent is thrown, as one line
 * that says what to do.
 */
export async function simulate(
  args: SimulateArgs,
  io: CliIo,
  hooks: SimulateHooks = {},
): Promise<number> {
  const state = await readLocalState(localStateFile(io.env));
  if (!state) {
    throw new CliError(
      'The local stack is not running: start it with `npm start` first (the simulator plays ' +
        "Tencent's side through the local Tencent it runs).",
    );
  }
  if (!state.tencent) {
    throw new CliError(
      'The running local stack has no local Tencent (it was started before there was one): restart npm start',
    );
  }
  const { url: tencentUrl, secretId, secretKey } = state.tencent;
  const api = new TencentCloudLiveApi({
    credentials: { secretId, secretKey },
    endpoint: tencentUrl,
  });
  const path = `${args.domain}/${args.app}`;
  const binding = await readBinding(api, args.domain, args.app);
  if (!binding) {
    const app = args.app === DEFAULT_APP_NAME ? '' : ` --app ${args.app}`;
    throw new CliError(
      `${path} is bound to no callback template in the local Tencent: run ` +
        `npm run tencent -- setup --domain ${args.domain}${app} first`,
    );
  }
  const { template } = binding;
  const key = template.CallbackKey ?? '';

  const now = hooks.now ?? Date.now;
  const session = planSession({
    seed: hooks.seed ?? randomInt(2 ** 31),
    domain: args.domain,
    app: args.app,
    stream: args.stream,
    files: args.files,
    everyType: args.everyType,
    endedAt: Math.floor(now() / 1000),
    recordingBytesPerSecond: SERVED_BYTES_PER_SECOND,
  });

  io.out(
    `Playing a push of ${args.stream} on ${path} as Tencent would, from the local Tencent at ${tencentUrl}`,
  );
  io.out(
    `  Template  ${template.TemplateId} (${template.TemplateName}), bound to ${path}; ` +
      (key
        ? 'callbacks signed with its CallbackKey'
        : 'it has no CallbackKey: callbacks go unsigned'),
  );
  // Where Tencent's machinery sends each kind: the template as stored, with the one URL that
  // DescribeLiveCallbackTemplates never shows (RecordStatusNotifyUrl). readBinding found the
  // template by the rule's TemplateId.
  const control = new LocalTencentControl(tencentUrl);
  const notifyUrls = await control.notifyUrls(template.TemplateId as number);
  const deliveries: { callback: SimulatedCallback; destination: Destination }[] = [];
  const skipped: SimulatedCallback[] = [];
  for (const callback of session.callbacks) {
    const url = notifyUrls[SIMULATED_EVENTS[callback.event].urlField];
    if (url) deliveries.push({ callback, destination: { url, key } });
    else skipped.push(callback);
  }
  const urls = [...new Set(deliveries.map(({ destination }) => destination.url))];
  io.out(
    `  Sends to  ${urls.join(', ') || 'nowhere: the template has no URL for these callbacks'}`,
  );
  // Where the archive copies from: served while this run lasts, so the copies are made meanwhile.
  const vod = await startLocalVod();
  try {
    const recordings = serveRecordings(session.callbacks, vod);
    io.out(
      `  Files     ${recordings.length} recording${recordings.length === 1 ? '' : 's'} served ` +
        `from a local VOD at ${vod.url} while this runs`,
    );
    const recordingUrl = deliveries.find(({ callback }) => callback.event === 'recording')
      ?.destination.url;
    const watch = archiveWatch(state, recordingUrl, recordings, hooks.archiveWaitMs);
    io.out(`  Archive   ${watch.plan}`);
    try {
      return await play(args, io, hooks, { session, deliveries, skipped, key, control, watch });
    } finally {
      watch.close();
    }
  } finally {
    await vod.stop();
  }
}

/** Delivers the session's callbacks, records the push, and waits for the archive's copies. */
async function play(
  args: SimulateArgs,
  io: CliIo,
  hooks: SimulateHooks,
  {
    session,
    deliveries,
    skipped,
    key,
    control,
    watch,
  }: {
    session: ReturnType<typeof planSession>;
    deliveries: { callback: SimulatedCallback; destination: Destination }[];
    skipped: SimulatedCallback[];
    key: string;
    control: LocalTencentControl;
    watch: ArchiveWatch;
  },
): Promise<number> {
  io.out(
    `  Session   ${sessionText(session.callbacks)}: ${session.callbacks.length} callbacks ` +
      `${waitText(CALLBACK_GAP_MS, args.speed)} apart` +
      (args.failFirst > 0
        ? `; the first ${args.failFirst === 1 ? 'answer' : `${args.failFirst} answers`} to each counted as lost`
        : ''),
  );
  const labelWidth = Math.max(...deliveries.map(({ callback }) => labelOf(callback).length));
  for (const event of new Set(skipped.map((callback) => callback.event))) {
    const { label, urlField } = SIMULATED_EVENTS[event];
    io.out(`  Not sent  ${label}: the template has no ${urlField}, so Tencent sends none`);
  }

  const results = await deliverCallbacks(deliveries, {
    speed: args.speed,
    failFirst: args.failFirst,
    ...(hooks.now && { now: hooks.now }),
    ...(hooks.sleep && { sleep: hooks.sleep }),
    ...(hooks.post && { post: hooks.post }),
    onAttempt: async (report) => {
      await control.recordDelivery(args.stream, report);
      io.out(attemptLine(report, args, key, labelWidth));
    },
  });
  await control.recordPush({
    domain: args.domain,
    app: args.app,
    stream: args.stream,
    start: session.start,
    end: session.end,
    clientIp: session.push.userIp,
    resolution: `${session.push.width}*${session.push.height}`,
  });

  const deliveriesMade = results.reduce((sum, result) => sum + result.attempts, 0);
  const givenUp = results.filter((result) => !result.delivered);
  io.out(
    `History: ${deliveriesMade} deliver${deliveriesMade === 1 ? 'y' : 'ies'} in the local Tencent ` +
      `(DescribeCallbackRecordsList, StreamName ${args.stream}) and the push (DescribeLiveStreamEventList).`,
  );
  if (givenUp.length > 0) {
    io.err(
      `${givenUp.length} of ${results.length} callbacks given up after every retry ` +
        `(${givenUp.map(({ callback }) => SIMULATED_EVENTS[callback.event].label).join(', ')}): ` +
        'Tencent would not send them again; see the answers above',
    );
    return 1;
  }
  if (!(await watch.wait(io))) return 1;
  io.out(`Done: ${results.length} callbacks, each answered 200 in the end.`);
  return 0;
}

/** `push start (1)`. */
function labelOf(callback: SimulatedCallback): string {
  const { label, eventType } = SIMULATED_EVENTS[callback.event];
  return `${label} (${eventType})`;
}

/** `push start, recording status ×2, screenshot ×3, ..., push end`: each kind once, in order. */
function sessionText(callbacks: readonly SimulatedCallback[]): string {
  const counts = new Map<SimulatedEventName, number>();
  for (const { event } of callbacks) counts.set(event, (counts.get(event) ?? 0) + 1);
  return [...counts]
    .map(([event, count]) => {
      const { label } = SIMULATED_EVENTS[event];
      return count === 1 ? label : `${label} ×${count}`;
    })
    .join(', ');
}

function attemptLine(
  report: AttemptReport,
  args: SimulateArgs,
  key: string,
  labelWidth: number,
): string {
  const answer =
    report.answer.status === undefined
      ? `no answer (${report.answer.error ?? 'unknown'})`
      : `HTTP ${report.answer.status} ${printable(report.answer.body, report.request, key)}`;
  let tail = '';
  if (report.lost) tail += `, counted as lost (--fail-first ${args.failFirst})`;
  if (report.nextInMs !== undefined)
    tail += `; next attempt in ${waitText(report.nextInMs, args.speed)}`;
  else if (!report.succeeded) tail += `; given up after ${report.attempt} attempts`;
  return (
    `${clockTime(report.sentAt)}  ${labelOf(report.callback).padEnd(labelWidth)}  ${report.callback.summary}  ` +
    `attempt ${report.attempt}/${report.attempts}  ${answer}${tail}`
  );
}

/** An answer's body on one line, short, and without the request's signature or the key. */
function printable(body: string, request: string, key: string): string {
  const sign = (JSON.parse(request) as { sign?: unknown }).sign;
  let text = body.replace(/\s+/g, ' ').trim();
  for (const secret of [typeof sign === 'string' ? sign : '', key]) {
    if (secret) text = text.split(secret).join('[redacted]');
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `1 min`, or `1 min (100 ms at --speed 600)`. */
function waitText(ms: number, speed: number): string {
  const human = (value: number) => {
    if (value >= 60_000 && value % 60_000 === 0) return `${value / 60_000} min`;
    if (value >= 1000) return `${Number((value / 1000).toPrecision(3))} s`;
    return `${Number(value.toPrecision(2))} ms`;
  };
  return speed === 1 ? human(ms) : `${human(ms)} (${human(ms / speed)} at --speed ${speed})`;
}

function clockTime(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
