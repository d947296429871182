import { readFile, writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform } from 'node:os';
import { format, resolveConfig } from 'prettier';
import type { ColdStartResult, FunctionSize, WarmResult } from './measure';

/**
 * Issue 6's targets, as corrected in DESIGN.md (2026-11-25). KB is read as 1,000 bytes, the
 * stricter reading: a bundle cannot pass on the choice of unit.
 */
export const TARGETS = {
  callbackCodeBytes: 400_000,
  coldStartRatio: 2.2,
  warmP99Ms: 5,
} as const;

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

export interface BenchResults {
  date: string;
  machine: Machine;
  /** The function whose cold start and latency are measured. */
  callback: string;
  sizes: FunctionSize[];
  cold?: ColdStartResult;
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
    `Reproduce: \`npm run bench\`${took}; \`npm run bench -- --help\` lists options ` +
      '(`--runs N`, `--only-size`, `--json FILE`, ...). Timings depend on the machine: compare ' +
      'the ratio, not the milliseconds. `npm test` asserts no timing.',
  );
  return lines.join('\n');
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
