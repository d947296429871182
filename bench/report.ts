import { arch, cpus, loadavg, platform } from 'node:os';
import { costPerMillion, PRICES } from './cost';
import type { BilledWrite } from './write-costs';
import type {
  ColdStartResult,
  ColdStartResults,
  FunctionSize,
  ReferenceName,
  VerificationCheck,
  WarmResult,
} from './measure';

/**
 * The AWS SDK issue's targets (2026-12-07). KB is read as 1,000 bytes, the stricter reading: a
 * bundle cannot pass on the choice of unit.
 */
export const TARGETS = {
  callbackCodeBytes: 400_000,
  /** Time to the response ÷ the floor of the same key path, medians of the same rounds. */
  coldStartVsFloor: 1.05,
  warmP50Ms: 2,
  warmP99Ms: 5,
} as const;

/** Each callback variant, and the floor it is held against: the one of its own key path. */
export const JUDGED: readonly { subject: string; floor: ReferenceName; label: string }[] = [
  { subject: 'callback', floor: 'floor-ssm', label: 'as deployed (key from SSM)' },
  { subject: 'callback-env-key', floor: 'floor-env', label: 'key from the environment' },
];

/** What each cold-start subject is, in the report's words. */
const SUBJECT_LABELS: Record<string, string> = {
  callback: '`callback`, as packaged (key from SSM)',
  'callback-env-key': '`callback`, key from `CALLBACK_KEY`: no SSM read',
  'callback-code-cache': '`callback` + V8 code cache made by the same node (not shippable)',
  'floor-env': 'floor: the two SDK clients alone, key from the environment',
  'floor-ssm': 'floor: the two SDK clients + one SecureString through Powertools Parameters',
  peer: 'peer: middy + zod + DocumentClient + Powertools Logger, key from SSM',
  'republish-empty': '`republish`, nothing pending',
  'republish-pending': '`republish`, 5 records pending',
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

export interface BenchResults {
  date: string;
  machine: Machine;
  /** The function whose latency and cost are judged. */
  callback: string;
  sizes: FunctionSize[];
  /** The Node.js binaries measured, this machine's first. */
  runtimes: { label: string; version: string }[];
  verification?: VerificationCheck[];
  /** Bytes of the V8 code cache each node made of the callback. */
  codeCache?: Record<string, { bytes: number }>;
  /** Runtime label -> subject name -> result, all measured in the same rounds. */
  cold?: ColdStartResults;
  references?: { name: ReferenceName; codeBytes: number }[];
  /** Runtime label -> warm run against endpoints that answer at once. */
  warm?: Record<string, WarmResult & { warmup: number }>;
  /** One recording's DynamoDB writes, from its arrival to its verification, billed. */
  writeCosts?: BilledWrite[];
  /** Items in the recordings table and events on the bus after the run, against what was due. */
  writes?: { items: number; events: number; expectedItems: number; expectedEvents: number };
  elapsedSeconds?: number;
}

const bytes = (value: number) => Math.round(value).toLocaleString('en-US');
const kb = (value: number) => `${(value / 1000).toFixed(1)} KB`;
const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;
const times = (value: number) => `${value.toFixed(2)}×`;
const dollars = (value: number) => `$${value.toFixed(2)}`;
const verdict = (pass: boolean) => (pass ? 'met' : '**not met**');

/** A subject's time to the response over another's (its floor), medians of the same rounds. */
export function coldRatio(
  results: Record<string, ColdStartResult>,
  subject = 'callback',
  reference: string = 'floor-ssm',
): number | undefined {
  const [mine, theirs] = [results[subject], results[reference]];
  return mine && theirs ? mine.responseMedianMs / theirs.responseMedianMs : undefined;
}

/** The results as Markdown: targets first, then the measurements behind them. */
export function renderReport(results: BenchResults): string {
  const { machine, cold, warm } = results;
  const callback = results.sizes.find((size) => size.name === results.callback);
  const labels = results.runtimes.map((runtime) => runtime.label);
  // A size-only run measures no runtime: its one figure still needs a column of its own.
  const columns = labels.length ? labels : ['measured'];
  const versions = results.runtimes.map((runtime) => `${runtime.label} = ${runtime.version}`);
  const lines: string[] = [
    `Measured by \`npm run bench\` on ${results.date}: ${machine.os}, ${machine.cores} × ` +
      `${machine.cpu} (load average ${machine.load.toFixed(2)} at the start, a shared machine)` +
      `${versions.length ? `; ${versions.join(', ')}` : ''}.`,
    '',
    `| target | ${columns.map((label) => `${label} |`).join(' ')} target | result |`,
    `| --- | ${columns.map(() => '--: |').join(' ')} --- | --- |`,
  ];
  const row = (
    name: string,
    values: (number | undefined)[],
    show: (value: number) => string,
    limit: number,
    target: string,
  ) => {
    const known = values.filter((value): value is number => value !== undefined);
    lines.push(
      `| ${name} | ${values.map((value) => `${value === undefined ? '' : show(value)} |`).join(' ')} ` +
        `${target} | ${known.length ? verdict(known.every((value) => value <= limit)) : ''} |`,
    );
  };
  if (callback) {
    lines.push(
      `| code in the callback's packaged artifact | ${columns.map(() => `${bytes(callback.jsBytes)} bytes |`).join(' ')} ` +
        `≤ ${TARGETS.callbackCodeBytes / 1000} KB | ${verdict(callback.jsBytes <= TARGETS.callbackCodeBytes)} |`,
    );
  }
  if (cold) {
    for (const { subject, floor, label } of JUDGED) {
      row(
        `cold start ${label}: time to the response ÷ its floor (${floor}), medians, same rounds`,
        labels.map((runtime) => coldRatio(cold[runtime] ?? {}, subject, floor)),
        times,
        TARGETS.coldStartVsFloor,
        `≤ ${TARGETS.coldStartVsFloor}×`,
      );
    }
  }
  if (warm) {
    row(
      'warm, the handler’s own time per callback, p50',
      labels.map((label) => warm[label]?.p50Ms),
      (value) => ms(value, 2),
      TARGETS.warmP50Ms,
      `≤ ${TARGETS.warmP50Ms} ms`,
    );
    row(
      'warm, p99',
      labels.map((label) => warm[label]?.p99Ms),
      (value) => ms(value, 2),
      TARGETS.warmP99Ms,
      `≤ ${TARGETS.warmP99Ms} ms`,
    );
  }

  lines.push(
    '',
    'Artifacts as `serverless package` ships them (`--stage prod`); code is the uncompressed size ' +
      'of the JavaScript in each zip:',
    '',
    '| function | code (bytes) | code (KB) | zip (bytes) | files |',
    '| --- | --: | --: | --: | --- |',
    ...results.sizes.map(
      (size) =>
        `| ${size.name} | ${bytes(size.jsBytes)} | ${kb(size.jsBytes)} | ${bytes(size.zipBytes)} | ` +
        `${size.files.map((file) => `\`${file.name}\``).join(', ')} |`,
    ),
  );

  if (cold) lines.push('', ...renderCold(results, cold));
  if (warm) lines.push('', ...renderWarm(warm));
  const cost = renderCost(results);
  if (cost.length) lines.push('', ...cost);

  if (results.verification?.length) {
    lines.push(
      '',
      'Certificates are verified, as in Lambda: before measuring, on each Node, the callback (its ' +
        'SSM endpoint) and the reference (its DynamoDB endpoint) were pointed at an endpoint that ' +
        'answers as the real ones do, with a certificate from a root they do not trust: ' +
        results.verification
          .map(
            (check) =>
              `${check.runtime}: both failed, ${check.impostorRequests} requests got through, ` +
              `${check.impostorHandshakesRefused} handshakes refused`,
          )
          .join('; ') +
        '.',
    );
  }
  if (results.writes) {
    const { items, events, expectedItems, expectedEvents } = results.writes;
    lines.push(
      '',
      `Every measured invocation did its work: ${bytes(items)} items in the recordings table ` +
        `(${bytes(expectedItems)} due) and ${bytes(events)} events on the bus (${bytes(expectedEvents)} due).`,
    );
  }
  const took = results.elapsedSeconds ? ` (about ${Math.round(results.elapsedSeconds)} s)` : '';
  lines.push(
    '',
    `Reproduce: \`npm run bench\`${took} prints this report; \`npm run bench -- --write-docs\` ` +
      'also writes it here. `npm run bench -- --help` lists options (`--runs N`, `--only-size`, ' +
      '`--no-node24`, `--json FILE`, ...). Timings depend on the machine and its load: compare ' +
      'the ratios measured in the same rounds, not the milliseconds. `npm test` asserts no timing.',
  );
  return lines.join('\n');
}

function renderCold(results: BenchResults, cold: ColdStartResults): string[] {
  const codeBytes = (name: string) => {
    const reference = results.references?.find((candidate) => candidate.name === name);
    if (reference) return reference.codeBytes;
    return results.sizes.find((size) => size.name === name.replace(/-.*$/, ''))?.jsBytes;
  };
  const anyRuntime = Object.values(cold)[0] ?? {};
  const runs = Object.values(anyRuntime)[0]?.runs ?? 0;
  const lines = [
    `Cold start: a fresh \`node\` process, started with Lambda's flags for the function's memory ` +
      "and Lambda's variables (none of the shell's), requires the handler extracted from the " +
      'artifact, serves one invocation and exits: a freshly signed documented callback (its own ' +
      'stream id, so each run writes an item and publishes an event), or for `republish` its ' +
      'scheduled event. The endpoints are DynamoDB (dynalite), EventBridge and SSM served over TLS ' +
      'by another process with a certificate made for the run, which the process verifies. The ' +
      'key comes from SSM (`CALLBACK_KEY_PARAMETER`, no `CALLBACK_KEY`), as deployed. Timed from ' +
      'spawn to the answer (judged: Lambda freezes the process once it has answered) and to ' +
      `exit. ${runs} rounds; each round runs every process below on every Node once, the order ` +
      'rotating, each run paired with a bare `node -e 0` (same Node, flags and variables): the ' +
      'floor of process start. The floors are what the service stands on: ' +
      '`bench/functions/reference-handler.ts` (the DynamoDB and EventBridge SDK clients with their defaults, ' +
      'one `PutItem`, one `PutEvents`, nothing else) and `bench/functions/reference-ssm-handler.ts` (the ' +
      'same plus one SecureString read through Powertools Parameters, as the callback reads its ' +
      'key when deployed); each callback variant is held against the floor of its key path. The ' +
      'peer, `bench/functions/peer-handler.ts`, is the callback as first written with the usual libraries ' +
      '(middy, zod, the DocumentClient, Powertools Logger). All three are bundled minified for ' +
      '`node20` with the SDK\u2019s ES module build and its defaults.',
  ];
  for (const [label, bySubject] of Object.entries(cold)) {
    const version = results.runtimes.find((runtime) => runtime.label === label)?.version ?? '';
    lines.push(
      '',
      `${label} (${version}), medians of ${runs} runs:`,
      '',
      '| process | code (bytes) | to the response | to exit | bare `node -e 0` ' +
        '| response ÷ its floor | exit ÷ its floor | response ÷ peer | response, min – max |',
      '| --- | --: | --: | --: | --: | --: | --: | --: | --: |',
    );
    const peer = bySubject.peer;
    for (const [name, result] of Object.entries(bySubject)) {
      const floor = bySubject[JUDGED.find((judged) => judged.subject === name)?.floor ?? ''];
      const versus = (other: ColdStartResult | undefined, pick: (r: ColdStartResult) => number) =>
        other && name.startsWith('callback') ? times(pick(result) / pick(other)) : '';
      const size = codeBytes(name);
      lines.push(
        `| ${SUBJECT_LABELS[name] ?? name} | ${size === undefined ? '' : bytes(size)} ` +
          `| ${ms(result.responseMedianMs)} | ${ms(result.exitMedianMs)} | ${ms(result.bareMedianMs)} ` +
          `| ${versus(floor, (r) => r.responseMedianMs)} | ${versus(floor, (r) => r.exitMedianMs)} ` +
          `| ${versus(peer, (r) => r.responseMedianMs)} ` +
          `| ${ms(Math.min(...result.responseMs))} – ${ms(Math.max(...result.responseMs))} |`,
      );
    }
  }
  const first = Object.values(cold)[0];
  if (first) {
    lines.push(
      '',
      'Requests per cold invocation, counted at the endpoints: ' +
        Object.entries(first)
          .map(
            ([name, result]) =>
              `${SUBJECT_LABELS[name] ?? name}: ${describeRequests(result.requests)}`,
          )
          .join('; ') +
        '.',
    );
  }
  if (results.codeCache) {
    lines.push(
      '',
      'The code-cache row loads the same bundle through `vm.Script` with a V8 code cache made by ' +
        'the same node binary with the same flags after serving one callback (' +
        Object.entries(results.codeCache)
          .map(([label, { bytes: size }]) => `${label}: ${bytes(size)} bytes`)
          .join(', ') +
        '). It is not shipped: V8 ignores a cache made by another build or with other flags, and ' +
        'what Lambda runs cannot be known at deploy (docs/performance.md, "V8 code cache").',
    );
  }
  return lines;
}

function describeRequests(requests: Record<string, number>): string {
  const entries = Object.entries(requests);
  if (entries.length === 0) return 'none';
  return entries
    .map(
      ([operation, count]) => `${Number.isInteger(count) ? count : count.toFixed(2)} ${operation}`,
    )
    .join(', ');
}

function renderWarm(warm: NonNullable<BenchResults['warm']>): string[] {
  const sample = Object.values(warm)[0];
  const lines = [
    `Warm: one process per Node serves ${bytes(sample?.warmup ?? 0)} callbacks, then ` +
      `${bytes(sample?.callbacks ?? 0)} more one after another, each timed in the process around ` +
      'the handler call alone, against endpoints that answer at once (a DynamoDB that accepts ' +
      'every write, the same EventBridge and SSM, all over TLS on kept-alive connections): the ' +
      "handler's own time. Callbacks per second is one warm instance serving them one at a time, " +
      'as Lambda gives an instance one request at a time; against the real services each request ' +
      'adds its round trip (a few ms each), which this leaves out.',
    '',
    '| Node | p50 | p99 | mean | max | callbacks/s, one instance | requests per callback | logged per callback |',
    '| --- | --: | --: | --: | --: | --: | --- | --: |',
    ...Object.entries(warm).map(
      ([label, result]) =>
        `| ${label} | ${ms(result.p50Ms, 2)} | ${ms(result.p99Ms, 2)} | ${ms(result.meanMs, 2)} ` +
        `| ${ms(result.maxMs, 2)} | ${bytes(result.perSecond)} | ${describeRequests(result.requests ?? {})} ` +
        `| ${bytes(result.logBytesPerCallback)} bytes |`,
    ),
  ];
  return lines;
}

/** Cost per million callbacks, from Lambda's runtime major (the last runtime measured). */
function renderCost(results: BenchResults): string[] {
  const label = results.runtimes[results.runtimes.length - 1]?.label;
  const warm = label ? results.warm?.[label] : undefined;
  const cold = label ? results.cold?.[label]?.[results.callback] : undefined;
  const memoryMb = 512;
  const writes = results.writeCosts;
  if (!warm?.requests || !cold || !writes?.length || warm.entryBytes === undefined) return [];
  const requests = warm.requests;
  const {
    lines,
    warm: warmTotal,
    cold: coldTotal,
  } = costPerMillion({
    writes: writes.map(({ operation, units }) => ({ operation, units: units.total })),
    itemBytes: Math.max(...writes.map((write) => write.itemBytes)),
    events: requests['events.PutEvents'] ?? 0,
    entryBytes: warm.entryBytes,
    memoryMb,
    warmMs: warm.meanMs,
    coldMs: cold.responseMedianMs,
    logBytes: warm.logBytesPerCallback,
    parameterReadsPerColdStart: cold.requests['ssm.GetParameter'] ?? 0,
  });
  return [
    `Cost per million recording callbacks, each stored and published, at us-east-1 on-demand list ` +
      `prices (${PRICES.asOf}; free tiers left out), from what this run measured on ${label}: the ` +
      'requests and sizes counted at the endpoints, the warm mean and the cold time to the response ' +
      'as billed durations (Lambda bills the init phase too). Against the real services a warm ' +
      'callback lasts longer by their round trips: each 10 ms more adds ' +
      `${dollars((memoryMb / 1024) * 0.01 * PRICES.lambdaArmGbSecond * 1e6)} per million. Not ` +
      'counted: storage, X-Ray traces (sampled, $5 per million recorded), the republisher (8,640 ' +
      'runs a month whatever the traffic).',
    '',
    '| item | per callback | every callback warm | every callback cold |',
    '| --- | --- | --: | --: |',
    ...lines.map(
      (line) =>
        `| ${line.item} | ${line.perCallback} | ${dollars(line.warm)} | ${dollars(line.cold)} |`,
    ),
    `| **total per million callbacks** | | **${dollars(warmTotal)}** | **${dollars(coldTotal)}** |`,
    '',
    "DynamoDB's write units of one recording (Tencent's documented callback), measured by " +
      '`bench/write-costs.ts`: the service stores it, publishes it and marks it published, then ' +
      'the reconciler marks it verified; each write is billed by DynamoDB\u2019s rules on the item ' +
      'before and after it (dynalite bills the table alone):',
    '',
    '| write | item after (bytes) | table | pending-publish | pending-verification | total |',
    '| --- | --: | --: | --: | --: | --: |',
    ...writes.map(
      ({ step, itemBytes, units }) =>
        `| ${step} | ${bytes(itemBytes)} | ${units.table} | ${units.indexes['pending-publish'] ?? 0} ` +
        `| ${units.indexes['pending-verification'] ?? 0} | ${units.total} |`,
    ),
  ];
}
