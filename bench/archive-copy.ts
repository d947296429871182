/**
 * `npm run bench:archive`: what copying a recording costs the archive function, measured on the
 * artifact `serverless package` builds (with `archiveRecordings: 'true'`), in a process of its own
 * with Lambda's Node flags for the function's memory and a Lambda-like environment (nothing from
 * the shell: see DESIGN.md, "Measuring without the shell's environment"), copying files of 256 MiB
 * and 1 GiB from the local VOD (fakes/local-vod.ts) into the local S3 (fakes/local-s3.ts).
 *
 * For each file: throughput (MiB/s over the whole invocation: read the item, copy, record,
 * announce) and the process's peak resident memory, against the function's memory setting; the
 * copy is checked byte for byte. Measures; asserts nothing but that the copy is right; never part
 * of `npm test`.
 *
 * Run by bench/commands/bench-archive.ts (`npm run bench:archive`), which reads its command line.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import dynalite from 'dynalite';
import { build } from 'esbuild';
import { startLocalS3, type LocalS3 } from '../fakes/local-s3';
import { startLocalVod, vodDigest, type LocalVod } from '../fakes/local-vod';
import { createDynamoDbClient } from '../lib/aws/clients';
import { DynamoDbRecordStore } from '../lib/aws/dynamodb-record-store';
import { recordingsTable } from '../lib/aws/tables';
import { DEFAULT_COPY_SETTINGS } from '../lib/archive/settings';
import type { JsonMap } from '../lib/json/json';
import { storeRecord } from '../lib/outbox/store-record';
import { ensureServiceTables } from '../scripts/local/tables';
import { packageService } from '../scripts/build/package-service';
import {
  extractHandler,
  lambdaNodeFlags,
  measureSize,
  nodeRuntimes,
  type NodeRuntime,
} from './measure';
import { describeMachine } from './report';
import { formatMarkdown, writeReportSection } from './report-section';

const MIB = 1024 * 1024;
const REGION = 'us-east-1';
const CREDENTIALS = {
  accessKeyId: 'ASIABENCHARCHIVE0000',
  secretAccessKey: 'bench/archive/secret',
};
const BUCKET = 'tencent-css-recordings-bench-archive';
/** A VOD file id as Tencent makes them. */
const FILE_ID = '5285890812345678901';
const DOC = join(__dirname, '..', 'docs', 'archive.md');
/** What a 15-minute invocation spends copying: it stops this long before its end to save. */
const COPY_SECONDS = 900 - DEFAULT_COPY_SETTINGS.stopBeforeEndMs / 1000;

interface Run {
  runtime: string;
  bytes: number;
  ms: number;
  peakRssBytes: number;
}

interface Servers {
  dynamoDb: string;
  bus: string;
  ssm: string;
  s3: LocalS3;
  vod: LocalVod;
  tableName: string;
  stop(): Promise<void>;
}

export interface ArchiveBenchOptions {
  /** The files copied, in bytes. */
  sizes: number[];
  /** true: also the pinned Node 24; a path: that binary; false: this machine's node only. */
  node24: boolean | string;
  /** Also rewrite docs/archive.md's figures. */
  writeDocs: boolean;
}

/** Measures, and resolves to the Markdown report; `log` hears the progress. */
export async function benchArchive(
  { sizes, node24, writeDocs }: ArchiveBenchOptions,
  log: (line: string) => void,
): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'bench-archive-'));
  log('serverless package --param archiveRecordings=true, as deploy builds ...');
  const packaged = await packageService('prod', REGION, { archiveRecordings: 'true' });
  let servers: Servers | undefined;
  try {
    const fn = packaged.template.Resources.ArchiveRecordingLambdaFunction?.Properties ?? {};
    const memoryMb = Number(fn.MemorySize);
    const zipPath = packaged.artifacts.archiveRecording as string;
    const size = await measureSize('archiveRecording', zipPath);
    const { handlerPath } = await extractHandler(
      { zipPath, handler: String(fn.Handler) },
      join(scratch, 'task'),
    );
    const child = await buildChild(scratch);
    const runtimes = await nodeRuntimes(node24);
    servers = await startServers(join(scratch, 's3'));
    const deployed = Object.fromEntries(
      Object.entries((fn.Environment as { Variables: Record<string, unknown> }).Variables).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );

    const runs: Run[] = [];
    for (const runtime of runtimes) {
      for (const bytes of sizes) {
        log(`${runtime.label}: copying ${bytes / MIB} MiB ...`);
        const run = await measure(servers, runtime, {
          child,
          handlerPath,
          memoryMb,
          deployed,
          bytes,
        });
        log(
          `${runtime.label}: ${bytes / MIB} MiB in ${(run.ms / 1000).toFixed(1)} s, ` +
            `${mibPerSecond(run).toFixed(1)} MiB/s, peak RSS ${(run.peakRssBytes / MIB).toFixed(0)} MiB`,
        );
        runs.push(run);
      }
    }
    const report = render(runs, { memoryMb, codeBytes: size.jsBytes, runtimes });
    if (writeDocs) {
      await writeReportSection(DOC, report);
      log('docs/archive.md: the figures rewritten');
    }
    return `\n${(await formatMarkdown(report, DOC)).trim()}\n`;
  } finally {
    await servers?.stop();
    await packaged.remove();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** One copy, in a fresh process, of a file of `bytes` generated by the local VOD. */
async function measure(
  servers: Servers,
  runtime: NodeRuntime,
  options: {
    child: string;
    handlerPath: string;
    memoryMb: number;
    deployed: Record<string, string>;
    bytes: number;
  },
): Promise<Run> {
  const { bytes } = options;
  const streamId = `bench-${runtime.label.replace(' ', '')}-${bytes}`;
  const path = `/vod/${streamId}/recording.mp4`;
  const url = servers.vod.addFile(path, bytes);
  const fields = recordingFields(streamId, url, bytes);
  const key = { stream_id: streamId, file_id: FILE_ID };
  const id = `${key.stream_id}/${key.file_id}`;
  const client = createDynamoDbClient({
    endpoint: servers.dynamoDb,
    region: REGION,
    credentials: CREDENTIALS,
  });
  await storeRecord(
    new DynamoDbRecordStore(recordingsTable(servers.tableName), client),
    { key, id, detailType: 'Recording File Created' },
    fields,
    new Date(),
  );
  client.destroy();
  const event = {
    version: '0',
    id: `bench-${id}`,
    'detail-type': 'Recording File Created',
    source: 'tencentcloud.css',
    detail: { ...fields, id, version: 1 },
  };

  const measured = await runChild(runtime, options, servers, event);
  if (measured.outcome !== 'archived') throw new Error(`the archive answered ${measured.outcome}`);
  const copied = await digestOf(servers.s3, `${streamId}/${key.file_id}.mp4`);
  if (copied.bytes !== bytes || copied.sha256 !== vodDigest(path, bytes)) {
    throw new Error(`the copy of ${path} is not the file: ${copied.bytes} bytes`);
  }
  return { runtime: runtime.label, bytes, ms: measured.ms, peakRssBytes: measured.peakRssBytes };
}

function runChild(
  runtime: NodeRuntime,
  {
    child,
    handlerPath,
    memoryMb,
    deployed,
  }: { child: string; handlerPath: string; memoryMb: number; deployed: Record<string, string> },
  servers: Servers,
  event: object,
): Promise<{ outcome: string; ms: number; peakRssBytes: number }> {
  const functionName = 'tencent-css-recordings-prod-archiveRecording';
  const env = {
    // What Lambda's Node.js runtime sets (those a function can read), and nothing of the shell.
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    _X_AMZN_TRACE_ID: 'Root=1-6749f3a0-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0',
    // The function's own, as deployed, with the bench's bucket and endpoints.
    ...deployed,
    ARCHIVE_BUCKET: BUCKET,
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamoDb,
    AWS_ENDPOINT_URL_EVENTBRIDGE: servers.bus,
    AWS_ENDPOINT_URL_SSM: servers.ssm,
    AWS_ENDPOINT_URL_S3: servers.s3.endpoint,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  };
  const process_ = spawn(
    runtime.path,
    [...lambdaNodeFlags(memoryMb), child, handlerPath, JSON.stringify(event)],
    { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let measured = '';
  process_.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  (process_.stdio[3] as Readable).on(
    'data',
    (chunk: Buffer) => (measured += chunk.toString('utf8')),
  );
  return new Promise((resolve, reject) => {
    process_.once('error', reject);
    process_.once('close', (code) => {
      if (code !== 0 || measured === '') {
        reject(new Error(`the measured process exited ${code}: ${stderr.trim()}`));
        return;
      }
      resolve(JSON.parse(measured) as { outcome: string; ms: number; peakRssBytes: number });
    });
  });
}

/** A recording as the callback stores it, for a file of `bytes` at `url`. */
function recordingFields(streamId: string, url: string, bytes: number): JsonMap {
  const end = Math.floor(Date.now() / 1000);
  return {
    event_type: 100,
    stream_id: streamId,
    channel_id: streamId,
    file_id: FILE_ID,
    file_format: 'mp4',
    video_url: url,
    file_size: bytes,
    start_time: end - 3600,
    end_time: end,
    duration: 3600,
  };
}

async function digestOf(s3: LocalS3, key: string): Promise<{ bytes: number; sha256: string }> {
  const { Body } = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of Body as Readable) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** bench/processes/archive-child.ts as plain CommonJS: no TypeScript loader in the measured process. */
async function buildChild(directory: string): Promise<string> {
  const outfile = join(directory, 'archive-child.cjs');
  await build({
    entryPoints: [join(__dirname, 'processes', 'archive-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

async function startServers(s3Directory: string): Promise<Servers> {
  const tableName = 'tencent-css-recordings-prod-recordings';
  const db = dynalite({ createTableMs: 0 });
  const dynamoDb = await listen(db);
  const client = createDynamoDbClient({
    endpoint: dynamoDb,
    region: REGION,
    credentials: CREDENTIALS,
  });
  await ensureServiceTables(client, {
    tableName,
    eventsTableName: 'tencent-css-recordings-prod-events',
  });
  client.destroy();
  // PutEvents taken as the bus takes it; GetParameter as SSM answers for a key never stored.
  const bus = createServer((request, response) => {
    request.resume().on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: 'bench' }] }));
    });
  });
  const ssm = createServer((request, response) => {
    request.resume().on('end', () => {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ __type: 'ParameterNotFound', message: 'no hotlink key' }));
    });
  });
  const [busUrl, ssmUrl] = await Promise.all([listen(bus), listen(ssm)]);
  const [s3, vod] = await Promise.all([
    startLocalS3({ buckets: [BUCKET], directory: s3Directory, credentials: [CREDENTIALS] }),
    startLocalVod(),
  ]);
  return {
    dynamoDb,
    bus: busUrl,
    ssm: ssmUrl,
    s3,
    vod,
    tableName,
    stop: async () => {
      await Promise.all([s3.stop(), vod.stop(), close(db), close(bus), close(ssm)]);
    },
  };
}

function render(
  runs: Run[],
  {
    memoryMb,
    codeBytes,
    runtimes,
  }: { memoryMb: number; codeBytes: number; runtimes: NodeRuntime[] },
): string {
  const machine = describeMachine();
  const rows = runs.map((run) => {
    const peak = run.peakRssBytes / MIB;
    return `| ${run.runtime} | ${run.bytes / MIB} MiB | ${(run.ms / 1000).toFixed(1)} s | ${mibPerSecond(run).toFixed(1)} | ${peak.toFixed(0)} MiB | ${memoryMb} MB | ${peak < memoryMb ? 'yes' : '**no**'} |`;
  });
  const slowest = Math.min(...runs.map(mibPerSecond));
  const gib = (mibs: number) => ((mibs * COPY_SECONDS) / 1024).toFixed(1);
  // A 1080p stream recorded at 4 Mbit/s: 1.8 GB (1.68 GiB) an hour.
  const hours = (mibs: number) => ((mibs * COPY_SECONDS * MIB) / (4e6 / 8) / 3600).toFixed(1);
  return [
    `Measured by \`npm run bench:archive\` on ${new Date().toISOString().slice(0, 10)}: ${machine.os}, ` +
      `${machine.cores} × ${machine.cpu} (load average ${machine.load.toFixed(2)} at the start), ` +
      `${runtimes.map((runtime) => `${runtime.label} (${runtime.version})`).join(' and ')}; ` +
      `the archive function's artifact (${codeBytes.toLocaleString('en-US')} bytes of code) with ` +
      `Lambda's Node flags for ${memoryMb} MB, copying from the local VOD into the local S3 on the same machine:`,
    '',
    '| Node | file | invocation | MiB/s | peak RSS | memory setting | under it |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `At the slowest of these rates (${slowest.toFixed(1)} MiB/s), the ${COPY_SECONDS} seconds an ` +
      `invocation copies for (it stops ${DEFAULT_COPY_SETTINGS.stopBeforeEndMs / 1000} s before ` +
      `its 15 minutes to save) move ${gib(slowest)} GiB. Locally the local S3, writing to the same ` +
      'disk, is the bottleneck; deployed, it is the source: at 10, 25 and 50 MiB/s from Tencent’s ' +
      `CDN an invocation copies ${gib(10)}, ${gib(25)} and ${gib(50)} GiB, the recording of ` +
      `${hours(10)}, ${hours(25)} and ${hours(50)} hours of a stream at 4 Mbit/s (1080p).`,
  ].join('\n');
}

const mibPerSecond = (run: Run) => run.bytes / MIB / (run.ms / 1000);

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
