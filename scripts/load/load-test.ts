import type { JsonObject } from '../../lib/json/json';
import { performance } from 'node:perf_hooks';
import { CallbackNotSentError, loadPayload, sendCallback, withIds } from '../callback/sender';

/** Issue 4's burst: 500 callbacks over 50 streams, 20% of them redeliveries, 25 in flight. */
export const LOAD_DEFAULTS = {
  total: 500,
  streams: 50,
  duplicateRatio: 0.2,
  concurrency: 25,
  seed: 4,
} as const;

/** How many distinct problems the figures keep: enough to diagnose, never a flood. */
const MAX_PROBLEMS_KEPT = 5;

/** The documented success: HTTP 200 with this body. */
const ACCEPTED_BODY = '{"code":0}';

/**
 * A 200 whose body is not the documented `{"code":0}`: what serverless-offline answers when the
 * Lambda fails or times out (an HTTP API infers a 200 from a result without `statusCode`).
 * Tencent would take it as delivered, so it is counted apart from a real acceptance.
 */
export const OTHER_200 = '200 other body';

export interface LoadShape {
  /** Callbacks sent, redeliveries included. */
  total?: number;
  /** Streams the distinct recordings are spread over, round-robin. */
  streams?: number;
  /** The share of `total` that repeats a recording already in the burst. */
  duplicateRatio?: number;
  /** Seeds the choice of redelivered recordings and the order: the same seed, the same burst. */
  seed?: number;
  /**
   * Prefix of every stream id (`<runId>-s007`). Distinct per run by default, so a second run
   * against the same table creates new items instead of redelivering the first run's.
   */
  runId?: string;
}

export interface RecordingKey {
  streamId: string;
  fileId: string;
}

export interface PlannedCallback extends RecordingKey {
  /** The callback without `sign`/`t`: each send signs it afresh, as Tencent does on a retry. */
  payload: JsonObject;
}

export interface LoadPlan {
  runId: string;
  streams: string[];
  /** Every distinct recording, once, in the order they were made. */
  recordings: RecordingKey[];
  /** What is sent, in the order it is sent: each recording once, plus the redeliveries. */
  callbacks: PlannedCallback[];
}

/**
 * The burst to send: `total × (1 - duplicateRatio)` distinct recordings of `base` (Tencent's
 * documented example unless given), spread over `streams` streams with distinct `stream_id` /
 * `file_id`, plus redeliveries of randomly chosen ones (some more than once, as Tencent retries up
 * to 12 times), all shuffled. Pure and deterministic for a given seed and run id.
 */
export function planLoad(base: JsonObject, shape: LoadShape = {}): LoadPlan {
  const total = shape.total ?? LOAD_DEFAULTS.total;
  const duplicateRatio = shape.duplicateRatio ?? LOAD_DEFAULTS.duplicateRatio;
  const seed = shape.seed ?? LOAD_DEFAULTS.seed;
  const runId = shape.runId ?? `load-${Date.now().toString(36)}`;
  assertWhole('total', total, 1);
  assertWhole('streams', shape.streams ?? LOAD_DEFAULTS.streams, 1);
  if (!(duplicateRatio >= 0 && duplicateRatio < 1)) {
    throw new RangeError(`duplicateRatio must be at least 0 and below 1, not ${duplicateRatio}`);
  }
  const distinct = Math.max(1, Math.round(total * (1 - duplicateRatio)));
  // Fewer recordings than streams: every stream used still gets one.
  const streamCount = Math.min(shape.streams ?? LOAD_DEFAULTS.streams, distinct);

  const { sign: _sign, t: _t, ...body } = base;
  const streams = Array.from({ length: streamCount }, (_, s) => `${runId}-s${pad(s, 3)}`);
  const recordings: PlannedCallback[] = Array.from({ length: distinct }, (_, index) => {
    const streamId = streams[index % streamCount]!;
    // 19 digits, like the VOD file ids Tencent sends (as strings: they exceed 2^53).
    const fileId = `5285890${pad(index, 12)}`;
    return { streamId, fileId, payload: withIds(body, { streamId, fileId }) };
  });

  const random = mulberry32(seed);
  const callbacks = [...recordings];
  for (let n = distinct; n < total; n++) {
    callbacks.push(recordings[Math.floor(random() * distinct)]!);
  }
  shuffle(callbacks, random);
  return {
    runId,
    streams,
    recordings: recordings.map(({ streamId, fileId }) => ({ streamId, fileId })),
    callbacks,
  };
}

export interface LoadOptions extends LoadShape {
  url: string;
  key: string;
  /** Callbacks in flight at once. */
  concurrency?: number;
  /** The callback to multiply (default: Tencent's documented example). */
  base?: JsonObject;
}

export interface LoadFigures {
  url: string;
  runId: string;
  total: number;
  distinct: number;
  duplicates: number;
  streams: number;
  concurrency: number;
  seed: number;
  /**
   * Answers by HTTP status: `200` is the documented `{"code":0}`, {@link OTHER_200} a 200 with
   * any other body, `error` a send that got no answer (refused, timed out).
   */
  statuses: Record<string, number>;
  /** The first few distinct problems: why a send got no answer, or what a 200 said instead. */
  problems: string[];
  /** From the first send to the last answer. */
  wallMs: number;
  callbacksPerSecond: number;
  /** Per callback, signing to the end of the answer's body. Nearest-rank percentiles. */
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** The distinct recordings sent: what the table and the bus must hold afterwards. */
  recordings: RecordingKey[];
}

/**
 * Sends the burst {@link planLoad} makes to `url`, `concurrency` at a time, each callback signed
 * with `key` at send time by the sender's own code (scripts/callback/sender.ts), and measures the
 * answers. A send that gets no answer is counted, not thrown: the figures say what happened.
 *
 * @example
 * const figures = await runLoad({ url: 'http://localhost:3000/callback', key: 'LocalDevCallbackKey1' });
 * console.log(formatFigures(figures));
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const concurrency = options.concurrency ?? LOAD_DEFAULTS.concurrency;
  assertWhole('concurrency', concurrency, 1);
  const plan = planLoad(options.base ?? (await loadPayload()), options);
  const { url, key } = options;

  const statuses: Record<string, number> = {};
  const problems = new Set<string>();
  const note = (problem: string) => {
    if (problems.size < MAX_PROBLEMS_KEPT) problems.add(problem.slice(0, 160));
  };
  const latencies: number[] = [];
  let next = 0;
  const sendAll = async () => {
    // Each worker takes the next callback until none is left: at most `concurrency` in flight.
    for (let index = next++; index < plan.callbacks.length; index = next++) {
      const { payload } = plan.callbacks[index]!;
      const started = performance.now();
      let status: string;
      try {
        const answer = await sendCallback({ url, key, payload });
        status = String(answer.status);
        if (answer.status === 200 && answer.text.trim() !== ACCEPTED_BODY) {
          status = OTHER_200;
          note(`200 ${answer.text}`);
        }
      } catch (error) {
        if (!(error instanceof CallbackNotSentError)) throw error;
        status = 'error';
        note(error.message);
      }
      latencies.push(performance.now() - started);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, plan.callbacks.length) }, sendAll));
  const wallMs = performance.now() - started;

  latencies.sort((a, b) => a - b);
  return {
    url,
    runId: plan.runId,
    total: plan.callbacks.length,
    distinct: plan.recordings.length,
    duplicates: plan.callbacks.length - plan.recordings.length,
    streams: plan.streams.length,
    concurrency,
    seed: options.seed ?? LOAD_DEFAULTS.seed,
    statuses,
    problems: [...problems],
    wallMs,
    callbacksPerSecond: plan.callbacks.length / (wallMs / 1000),
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
      mean: latencies.reduce((sum, value) => sum + value, 0) / latencies.length,
    },
    recordings: plan.recordings,
  };
}

/** The figures for a terminal, the latencies as a Markdown table. */
export function formatFigures(figures: LoadFigures): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
  const answers = Object.entries(figures.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status} × ${count}`)
    .join(', ');
  const { p50, p95, p99, max, mean } = figures.latencyMs;
  return [
    `${figures.total} signed callbacks to ${figures.url}: ${figures.distinct} distinct recordings ` +
      `over ${figures.streams} streams (ids ${figures.runId}-s*) and ${figures.duplicates} ` +
      `redeliveries, shuffled (seed ${figures.seed}), ${figures.concurrency} at a time.`,
    `Answers: ${answers}.`,
    ...figures.problems.map((problem) => `  ${problem}`),
    `Wall time ${(figures.wallMs / 1000).toFixed(2)} s: ${figures.callbacksPerSecond.toFixed(1)} callbacks/s.`,
    '',
    '|       p50 |       p95 |       p99 |       max |      mean |',
    '| --------: | --------: | --------: | --------: | --------: |',
    `| ${[p50, p95, p99, max, mean].map(ms).join(' | ')} |`,
  ].join('\n');
}

/** Nearest-rank percentile of values sorted ascending. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? NaN;
}

/** A small seeded generator: the burst must be the same on every machine and every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates, in place. */
function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

function assertWhole(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${name} must be a whole number of at least ${minimum}, not ${value}`);
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
