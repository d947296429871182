import { InvalidCallbackError } from '../errors';
import { interpretCallback, type InterpretedCallback } from '../ingest/interpret';
import type { TableName } from '../events/kind';
import { storeAndPublish, type IngestDeps } from '../ingest/store-and-publish';
import { contentHash, parseJson, type JsonObject } from '../json/json';
import type { RecordTable } from '../outbox/record-store';
import { StoreOutcome } from '../outbox/store-record';
import { ReceivedVia } from '../record/record';
import type { TencentLiveApi } from '../tencent/tencent-api';
import type { CallbackEventInfo } from '../tencent/types';
import type { Checkpoint, CheckpointStore } from './checkpoint';
import { emptyCounts, type ReconcileCounts, type ReconcileReport } from './report';
import { callbacksOf, streamsLiveIn } from './tencent-history';
import { utcDays, withinHistory, type TimeWindow } from './window';

/**
 * A run stops before its next stream-day when less time than this is left: enough for the
 * slowest stream-day (a day of screenshots every 10 s is 87 pages, 6 s at 15 requests a
 * second, plus a table read each) and the checkpoint.
 */
export const STOP_MARGIN_MS = 120_000;
/** Unverified records a run reports at most (each is a log line; the metric counts them all). */
const MAX_UNVERIFIED_LISTED = 1000;

export interface ReconcileDeps extends IngestDeps {
  /** The tables, with their listings: the reconciler also lists what is still unverified. */
  stores: Readonly<Record<TableName, RecordTable>>;
  tencent: TencentLiveApi;
  checkpoints: CheckpointStore;
  /** Requests sent to Tencent and throttled, as the client counts them (see `ApiObserver`). */
  usage: { apiCalls: number; throttled: number };
  now: () => Date;
  /** Milliseconds before the run must have stopped (a Lambda's remaining time); none: no limit. */
  timeLeftMs?: () => number;
}

export interface ReconcileJob {
  /** What a checkpoint is saved under: `scheduled`, or what identifies a backfill. */
  job: string;
  window: TimeWindow;
  /**
   * How far back a stream's history is read when one of its pushes began before the window and
   * reached into it (a long push is read whole, once it has ended). Default: the window's start.
   */
  earliest?: Date;
  /** The streams to read, from the window's start; by default, every stream live in the window. */
  streams?: readonly string[];
  /** Read only these event types (one query each); by default every type in one query. */
  eventTypes?: readonly number[];
  /** Read and compare, change nothing (and save no checkpoint). */
  dryRun?: boolean;
  /** A delivered record unconfirmed for longer than this is reported unverified. */
  unverifiedAfterHours: number;
}

/**
 * Brings the service in line with Tencent's history. For every stream live in the window (read
 * from the start of its push, when that was earlier) and every UTC day of it, every callback
 * Tencent sent is compared with what the service holds:
 *
 *   missing here               -> stored and published through the path a delivery takes
 *                                 (recovered: Tencent gave up, or our answer never reached it)
 *   held, same content         -> marked verified (Tencent did send exactly this)
 *   held, other content        -> replaced by Tencent's (version + 1, published again)
 *   not a valid callback       -> skipped and counted; the run goes on
 *
 * History is trusted because the API call that read it is authenticated, not because of its
 * `sign` (whose `t` has long expired). A run that is running out of time saves where it is, and
 * the next run of the same job resumes there.
 */
export async function reconcile(deps: ReconcileDeps, job: ReconcileJob): Promise<ReconcileReport> {
  const started = deps.now();
  const usageAtStart = { ...deps.usage };
  const checkpoint = (!job.dryRun && (await deps.checkpoints.load(job.job))) || undefined;
  const window = checkpoint
    ? { start: new Date(checkpoint.window.start), end: new Date(checkpoint.window.end) }
    : withinHistory(job.window, started);
  const streams = checkpoint?.streams ?? (await streamsToRead(deps, job, window, started));
  const units = streams.flatMap(({ stream, from }) =>
    utcDays({ start: new Date(from), end: window.end }).map((day) => ({ stream, day })),
  );
  const counts = emptyCounts();
  const saved: Checkpoint = checkpoint ?? {
    job: job.job,
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    streams,
    nextUnit: 0,
    counts: emptyCounts(),
    startedAt: started.toISOString(),
    updatedAt: started.toISOString(),
  };

  let next = saved.nextUnit;
  let lastStream: string | undefined;
  for (; next < units.length; next++) {
    if (deps.timeLeftMs !== undefined && deps.timeLeftMs() < STOP_MARGIN_MS) break;
    const { stream, day } = units[next] as (typeof units)[number];
    if (stream !== lastStream) counts.streamsChecked++;
    lastStream = stream;
    const found = await historyOf(deps.tencent, stream, day, job.eventTypes);
    await reconcileCallbacks(deps, found, counts, job.dryRun === true);
    if (!job.dryRun) {
      await deps.checkpoints.save({
        ...saved,
        nextUnit: next + 1,
        counts: addCounts(saved.counts, counts, deps.usage, usageAtStart),
        updatedAt: deps.now().toISOString(),
      });
    }
  }
  const complete = next >= units.length;
  if (complete && !job.dryRun) await deps.checkpoints.complete(job.job, saved.window.end);

  counts.apiCalls = deps.usage.apiCalls - usageAtStart.apiCalls;
  counts.throttled = deps.usage.throttled - usageAtStart.throttled;
  return {
    ...counts,
    window: saved.window,
    streams: streams.length,
    unitsDone: next,
    units: units.length,
    complete,
    dryRun: job.dryRun === true,
    unverified: await countUnverified(deps, job.unverifiedAfterHours),
  };
}

/** Each stream to read, and from when: the window's start, or its push's start if earlier. */
async function streamsToRead(
  deps: ReconcileDeps,
  job: ReconcileJob,
  window: TimeWindow,
  now: Date,
): Promise<{ stream: string; from: string }[]> {
  const from = (start: Date) => (start < window.start ? start : window.start).toISOString();
  if (job.streams !== undefined) {
    return job.streams.map((stream) => ({ stream, from: window.start.toISOString() }));
  }
  const earliest = withinHistory(
    { start: job.earliest ?? window.start, end: window.end },
    now,
  ).start;
  const live = await streamsLiveIn(deps.tencent, window, now);
  return [...live].map(([stream, pushStart]) => ({
    stream,
    from: from(pushStart < earliest ? earliest : pushStart),
  }));
}

async function historyOf(
  api: TencentLiveApi,
  stream: string,
  day: TimeWindow,
  eventTypes: readonly number[] | undefined,
): Promise<CallbackEventInfo[]> {
  if (eventTypes === undefined) return callbacksOf(api, stream, day);
  const lists = [];
  for (const eventType of eventTypes) lists.push(await callbacksOf(api, stream, day, eventType));
  return lists.flat();
}

/**
 * Compares one stream-day of history with the tables. Tencent records each attempt of a callback
 * (the same body, re-signed); a callback it sent twice with different content (rare) counts as
 * the last one sent, so a run never flips a record back and forth.
 */
async function reconcileCallbacks(
  deps: ReconcileDeps,
  history: readonly CallbackEventInfo[],
  counts: ReconcileCounts,
  dryRun: boolean,
): Promise<void> {
  counts.callbacksFound += history.length;
  const latest = new Map<string, { callback: InterpretedCallback; sentAt: string }>();
  for (const entry of history) {
    const callback = interpretHistory(entry);
    if (callback === undefined) {
      counts.invalid++;
      deps.log.warn('a callback in Tencent history is not a valid callback; skipped', {
        stream: entry.StreamId,
        eventType: entry.EventType,
        eventTime: entry.EventTime,
      });
      continue;
    }
    const id = `${callback.kind.table}:${callback.identity.id}`;
    const sentAt = entry.EventTime ?? '';
    const seen = latest.get(id);
    if (seen === undefined || seen.sentAt <= sentAt) latest.set(id, { callback, sentAt });
  }

  counts.distinctCallbacks += latest.size;
  for (const { callback } of latest.values()) {
    const store = deps.stores[callback.kind.table];
    const held = await store.get(callback.identity.key);
    const describe = { id: callback.identity.id, kind: callback.kind.name };
    if (held !== undefined && held.bodyHash === undefined) {
      // Stored by a version that kept no body fingerprint: its normalised content cannot tell a
      // changed callback from a changed normaliser, so it is left as it is.
      counts.notComparable++;
      continue;
    }
    // The body Tencent sent, or its content in another form (a number sent as text): confirmed.
    if (
      held !== undefined &&
      (held.bodyHash === callback.bodyHash || held.contentHash === contentHash(callback.fields))
    ) {
      if (held.verifiedAt !== undefined) {
        counts.alreadyVerified++;
        continue;
      }
      counts.verified++;
      if (!dryRun)
        await store.markVerified(callback.identity.key, held.contentHash, deps.now().toISOString());
      continue;
    }
    if (dryRun) {
      if (held === undefined) counts.recovered++;
      else counts.replaced++;
      continue;
    }
    const result = await storeAndPublish(deps, callback, { via: ReceivedVia.history }, deps.now);
    if (result.outcome === StoreOutcome.created) {
      counts.recovered++;
      deps.log.info(
        'recovered from Tencent history: Tencent sent it, the service did not have it',
        {
          ...describe,
          published: result.published,
        },
      );
    } else if (result.outcome === StoreOutcome.replaced) {
      counts.replaced++;
      deps.log.warn(
        'replaced by Tencent history: the record held other content than Tencent sent',
        {
          ...describe,
          version: result.version,
          published: result.published,
        },
      );
    } else {
      // Stored meanwhile with this very content (a late delivery): confirmed all the same.
      counts.verified++;
      await store.markVerified(
        callback.identity.key,
        contentHash(callback.fields),
        deps.now().toISOString(),
      );
    }
  }
}

/** The callback a history entry holds, or undefined when it is not a valid callback. */
function interpretHistory(entry: CallbackEventInfo): InterpretedCallback | undefined {
  try {
    const body = parseJson(entry.Request ?? '');
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    return interpretCallback(body as JsonObject);
  } catch (error) {
    if (error instanceof InvalidCallbackError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

async function countUnverified(deps: ReconcileDeps, hours: number): Promise<number> {
  const before = new Date(deps.now().getTime() - hours * 3_600_000).toISOString();
  let count = 0;
  for (const store of Object.values(deps.stores)) {
    const unverified = await store.listUnverified(before, MAX_UNVERIFIED_LISTED);
    count += unverified.length;
    for (const stored of unverified) {
      deps.log.warn('unverified: Tencent history does not confirm this record', {
        id: stored.id,
        version: stored.version,
        unverifiedSince: stored.unverifiedSince,
      });
    }
  }
  return count;
}

function addCounts(
  before: ReconcileCounts,
  run: ReconcileCounts,
  usage: { apiCalls: number; throttled: number },
  usageAtStart: { apiCalls: number; throttled: number },
): ReconcileCounts {
  const total = { ...before };
  // A checkpoint saved by an older version may lack a count: it starts from 0.
  for (const name of Object.keys(run) as (keyof ReconcileCounts)[]) {
    total[name] = (before[name] ?? 0) + run[name];
  }
  total.apiCalls = before.apiCalls + usage.apiCalls - usageAtStart.apiCalls;
  total.throttled = before.throttled + usage.throttled - usageAtStart.throttled;
  return total;
}
