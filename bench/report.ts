import { readFile, writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform } from 'node:os';
import { format, resolveConfig } from 'prettier';
import type { ColdStartResult, FunctionSize, ReferenceBuild, WarmResult } from './measure';

/**
 * Issue 6's targets, as corrected in DESIGN.md (2026-11-25). KB is read as 1,000 bytes, the
 * stricter reading: a bundle cannot pass on the choice of unit.
 */
export const TARGETS = {
  callbackCodeBytes: 400_000,
  coldStartRatio: 2.2,
  warmP99Ms: 5,
} as const;

/**
 * The issue's reference points, measured once on its author's machine (DESIGN.md, "Toolchain
 * facts"): the two SDK clients alone, bundled and minified, serving one callback.
 */
export const ISSUE_REFERENCE_POINTS: Record<ReferenceBuild, { label: string; ratio: number }> = {
  esm: { label: 'SDK ES module build', ratio: 2.1 },
  cjs: { label: 'SDK CommonJS build', ratio: 2.6 },
};

export interface Machine {
  node: string;
  cpu: string;
  cores: number;
  os: string;
  /** 1-minute load average when the bench started: other work on the machine skews timings. */
  load: number;
}

export function describeMachine(): Machine {
  const cores = cpus();
  return {
    node: process.version,
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    os: `${platform()} ${arch()}`,
    load: loadavg()[0] ?? NaN,
  };
}

export interface ReferenceColdStart {
  build: ReferenceBuild;
  /** esbuild's `mainFields` for the bundle; absent for esbuild's default. */
  mainFields?: string[];
  codeBytes: number;
  cold: ColdStartResult;
}

export interface BenchResults {
  date: string;
  machine: Machine;
  /** The function whose cold start and latency are measured. */
  callback: string;
  sizes: FunctionSize[];
  cold?: ColdStartResult;
  /** The issue's reference points, measured in the same run as `cold`, interleaved with it. */
  references?: ReferenceColdStart[];
  warm?: WarmResult & { warmup: number };
  /** Table items and bus events after the run, against what the runs should have written. */
  writes?: { items: number; events: number; expected: number };
  elapsedSeconds?: number;
}

const bytes = (value: number) => value.toLocaleString('en-US');
const kb = (value: number) => `${(value / 1000).toFixed(1)} KB`;
const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;
const verdict = (pass: boolean) => (pass ? 'pass' : '**miss**');

/** The results as Markdown: targets first, then the measurements behind them. */
export function renderReport(results: BenchResults): string {
  const { machine, cold, warm } = results;
  const callback = results.sizes.find((size) => size.name === results.callback);
  const lines: string[] = [
    `Measured by \`npm run bench\` on ${results.date}: Node.js ${machine.node}, ${machine.os}, ` +
      `${machine.cores} × ${machine.cpu} (load average ${machine.load.toFixed(2)} at the start).`,
    '',
    '| target (issue 6, corrected) | measured | target | result |',
    '| --- | --- | --- | --- |',
  ];
  if (callback) {
    lines.push(
      `| code in the callback's packaged artifact | ${bytes(callback.jsBytes)} bytes (${kb(callback.jsBytes)}) ` +
        `| ≤ ${TARGETS.callbackCodeBytes / 1000} KB (${bytes(TARGETS.callbackCodeBytes)} bytes) | ${verdict(callback.jsBytes <= TARGETS.callbackCodeBytes)} |`,
    );
  }
  if (cold) {
    lines.push(
      `| cold start, ratio to bare \`node -e 0\` (medians of ${cold.runs}) | ${cold.ratio.toFixed(2)}× ` +
        `| ≤ ${TARGETS.coldStartRatio}× | ${verdict(cold.ratio <= TARGETS.coldStartRatio)} |`,
    );
  }
  if (warm) {
    lines.push(
      `| warm p99 per callback | ${ms(warm.p99Ms, 2)} | ≤ ${ms(TARGETS.warmP99Ms, 0)} ` +
        `| ${verdict(warm.p99Ms <= TARGETS.warmP99Ms)} |`,
    );
  }

  lines.push(
    '',
    'Artifacts as `serverless package` ships them (`--stage prod`); code is the uncompressed size ' +
      'of the JavaScript in each zip:',
    '',
    '| function | code (bytes) | zip (bytes) | files |',
    '| --- | --: | --: | --- |',
    ...results.sizes.map(
      (size) =>
        `| ${size.name} | ${bytes(size.jsBytes)} | ${bytes(size.zipBytes)} | ` +
        `${size.files.map((file) => `\`${file.name}\``).join(', ')} |`,
    ),
  );

  if (cold) {
    const range = (values: number[]) => `${ms(Math.min(...values))} – ${ms(Math.max(...values))}`;
    lines.push(
      '',
      `Cold start of \`${results.callback}\`: a fresh \`node\` process requires the handler extracted ` +
        'from the artifact, serves one freshly signed documented callback (its own stream id, so ' +
        'each run writes an item and publishes an event) against local DynamoDB (dynalite) and ' +
        'EventBridge endpoints served by another process, and exits; timed from spawn to exit, ' +
        `${cold.runs} runs alternated with bare \`node -e 0\` in the same environment ` +
        '(`CALLBACK_KEY` set, so no SSM call).',
      '',
      '| process | median | min – max |',
      '| --- | --: | --: |',
      `| \`node\` serving one callback | ${ms(cold.callbackMedianMs)} | ${range(cold.callbackMs)} |`,
      `| bare \`node -e 0\` | ${ms(cold.bareMedianMs)} | ${range(cold.bareMs)} |`,
      `| ratio | ${cold.ratio.toFixed(2)}× | |`,
    );
  }

  if (cold && results.references?.length) {
    lines.push('', ...renderReferences(results.callback, callback, cold, results.references));
  }

  if (warm) {
    lines.push(
      '',
      `Warm: one process serves ${bytes(warm.warmup)} callbacks, then ${bytes(warm.callbacks)} ` +
        'more one after another against the same endpoints, each timed from the handler call ' +
        'to its answer:',
      '',
      '| p50 | p99 | mean | max | callbacks/s |',
      '| --: | --: | --: | --: | --: |',
      `| ${ms(warm.p50Ms, 2)} | ${ms(warm.p99Ms, 2)} | ${ms(warm.meanMs, 2)} | ${ms(warm.maxMs, 2)} ` +
        `| ${Math.round(warm.perSecond).toLocaleString('en-US')} |`,
    );
    if (warm.endpoints) {
      const { dynamoDbRequests, eventBridgeRequests, ms: endpointMs } = warm.endpoints;
      lines.push(
        '',
        `Of the mean ${ms(warm.meanMs, 2)}, the endpoints spent ${ms(endpointMs, 2)} serving ` +
          `${dynamoDbRequests.toFixed(1)} DynamoDB and ${eventBridgeRequests.toFixed(1)} EventBridge ` +
          'requests per callback (measured in their process, from arrival to the end of the answer); ' +
          'the rest is the handler, the SDK and the loopback connection.',
      );
    }
  }

  if (results.writes) {
    const { items, events, expected } = results.writes;
    lines.push(
      '',
      `Every measured callback really wrote: ${bytes(items)} items in the table and ` +
        `${bytes(events)} events on the bus, for ${bytes(expected)} callbacks served.`,
    );
  }

  const took = results.elapsedSeconds ? ` (about ${Math.round(results.elapsedSeconds)} s)` : '';
  lines.push(
    '',
    `Reproduce: \`npm run bench\`${took} prints this report; \`npm run bench -- --write-readme\` ` +
      'also writes it here. `npm run bench -- --help` lists options (`--runs N`, `--only-size`, ' +
      '`--json FILE`, ...). Timings depend on the machine: compare the ratio, not the ' +
      'milliseconds. `npm test` asserts no timing.',
  );
  return lines.join('\n');
}

/** The callback's cold start next to the issue's reference points, all measured in this run. */
function renderReferences(
  callbackName: string,
  size: FunctionSize | undefined,
  cold: ColdStartResult,
  references: ReferenceColdStart[],
): string[] {
  const times = (value: number) => `${value.toFixed(2)}×`;
  const point = (reference: ReferenceColdStart) => ISSUE_REFERENCE_POINTS[reference.build];
  const name = `\`${callbackName}\``;
  const lines = [
    "Cold start: callback vs the issue's reference points, measured in this run. The reference " +
      'is `bench/reference-handler.ts`, the minimal handler the issue describes (the DynamoDB and ' +
      'EventBridge clients with their default configuration, one `PutItem` and one `PutEvents`, ' +
      'no logger, no validation), bundled by esbuild as the issue measured it (minified, ' +
      "`platform: node`, `target: node20`, CommonJS output, none of the project's own esbuild " +
      "settings), once with `mainFields: [module, main]` (the SDK's ES module build) and once " +
      'with the default (its CommonJS build). Each is run as the callback is, with the same ' +
      'driver, environment and number of runs, in rounds that take them all in turn (the order ' +
      'rotating), each run paired with a bare `node -e 0` of its own. The last two columns ' +
      `compare ${name} with each reference: the ratio of their median times, and the ratio of ` +
      'their ratios to bare node (which adds the noise of the short bare runs).',
    '',
    `| process | code (bytes) | median | bare \`node -e 0\` median | ratio to bare ` +
      `| ${name} ÷ this, median time | ${name} ÷ this, ratio to bare |`,
    '| --- | --: | --: | --: | --: | --: | --: |',
    `| ${name}, as packaged | ${size ? bytes(size.jsBytes) : ''} | ${ms(cold.callbackMedianMs)} | ${ms(cold.bareMedianMs)} ` +
      `| ${times(cold.ratio)} | | |`,
    ...references.map(
      ({ codeBytes, cold: reference, build }) =>
        `| reference, ${ISSUE_REFERENCE_POINTS[build].label} | ${bytes(codeBytes)} ` +
        `| ${ms(reference.callbackMedianMs)} | ${ms(reference.bareMedianMs)} ` +
        `| ${times(reference.ratio)} | ${times(cold.callbackMedianMs / reference.callbackMedianMs)} ` +
        `| ${times(cold.ratio / reference.ratio)} |`,
    ),
  ];
  const list = (format: (reference: ReferenceColdStart) => string) =>
    references.map(format).join(' and ');
  lines.push(
    '',
    "On this machine the issue's reference points themselves measure " +
      `${list((reference) => `${reference.cold.ratio.toFixed(1)}× (${point(reference).label})`)} ` +
      `instead of ${list((reference) => `${point(reference).ratio.toFixed(1)}×`)}; the ` +
      `${TARGETS.coldStartRatio}× target above is still judged against bare \`node -e 0\`, as set.`,
  );
  return lines;
}

/**
 * Formats Markdown as the project's prettier configuration does (README.md is checked by it),
 * wrapping prose at its print width as the rest of the README is.
 */
export async function formatMarkdown(markdown: string, filePath: string): Promise<string> {
  const config = (await resolveConfig(filePath)) ?? {};
  return format(markdown, { ...config, parser: 'markdown', proseWrap: 'always' });
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces what is between the README's bench markers, and nothing else. */
export async function writeReadmeSection(readmePath: string, markdown: string): Promise<void> {
  const readme = await readFile(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`${readmePath} has no ${START} ... ${END} markers`);
  const section = await formatMarkdown(markdown, readmePath);
  const updated = `${readme.slice(0, start + START.length)}\n\n${section.trim()}\n\n${readme.slice(end)}`;
  await writeFile(readmePath, updated);
}
