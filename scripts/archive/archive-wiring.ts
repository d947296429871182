import type { ArchiveDeps } from '../../lib/archive/archive-recording';
import { busEventSink } from '../../lib/archive/archived-event';
import type { ArchiveCandidates, DeadLetterQueue } from '../../lib/archive/backfill';
import { ArchiveError } from '../../lib/archive/errors';
import { hotlinkKeyFrom } from '../../lib/archive/hotlink-key';
import { HttpRecordingSource } from '../../lib/archive/http-source';
import type { ClientOverrides } from '../../lib/aws/clients';
import { DynamoDbArchiveCandidates } from '../../lib/aws/dynamodb-archive-candidates';
import { DynamoDbArchiveRecords } from '../../lib/aws/dynamodb-archive-records';
import { EventBridgeEventPublisher } from '../../lib/aws/eventbridge-event-publisher';
import { S3ArchiveObjects } from '../../lib/aws/s3-archive-objects';
import { createS3Client } from '../../lib/aws/s3-client';
import { SqsDeadLetters } from '../../lib/aws/sqs-dead-letters';
import { ssmParameterReader } from '../../lib/aws/ssm-parameter-reader';
import { recordingsTable } from '../../lib/aws/tables';
import type { Log } from '../../lib/log';
import { awsEndpoint, awsFailure } from '../cli/aws-errors';
import { CliError } from '../cli/errors';
import type { CliIo } from '../cli/io';
import { deployCommand, deployedStackOutputs, stackName } from '../cli/stack-outputs';
import { busClientFor, SERVICE_NAME, tableClientFor, type Target } from '../cli/target';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/settings';

/*
 * The archive wired for `npm run archive` as the function wires it (handlers/archive-recording.ts),
 * on the target: the local stack's servers, or a deployed stage's table, bus, bucket and
 * dead-letter queue (from its stack's outputs) with the shell's AWS credentials.
 */

/** serverless.yml's outputs, present when the stage is deployed with archiveRecordings 'true'. */
export const ARCHIVE_BUCKET_OUTPUT = 'ArchiveBucketName';
export const ARCHIVE_DEAD_LETTER_QUEUE_OUTPUT = 'ArchiveDeadLetterQueueUrl';

/** serverless.yml's `custom.vodHotlinkKeyParameter`: the VOD domain's hotlink key, if any. */
export function hotlinkKeyParameterName(stage: string): string {
  return `/${SERVICE_NAME}/${stage}/vod-hotlink-key`;
}

export interface ArchiveWiring {
  deps: ArchiveDeps;
  candidates: ArchiveCandidates;
  /** The dead-letter queue, when the run drains it. */
  letters?: DeadLetterQueue;
  /** For people: where the copies go, and how the source's URLs are signed. */
  description: string[];
  close(): void;
}

/** Where the target keeps its archive, and how to reach it. */
interface ArchivePlace {
  bucket: string;
  s3: ClientOverrides;
  deadLetters?: { url: string; sqs: ClientOverrides };
  /** The deployed stage's hotlink key parameter; the local stack has none. */
  hotlinkKeyParameter?: string;
}

/**
 * The archive of the target, ready to run. Fails in one line when the target has no archive (or
 * no dead-letter queue, when `deadLetters` is asked) or its hotlink key cannot be read.
 */
export async function wireArchive(
  target: Target,
  { deadLetters }: { deadLetters: boolean },
  io: CliIo,
): Promise<ArchiveWiring> {
  const place =
    target.local === undefined
      ? await deployedPlace(target, deadLetters, io.env)
      : localPlace(target, deadLetters);
  const key = await readHotlinkKey(place, target.region, io.env);
  const tableClient = tableClientFor(target);
  const busClient = busClientFor(target);
  const s3Client = createS3Client(place.s3, io.env);
  const deps: ArchiveDeps = {
    records: new DynamoDbArchiveRecords(recordingsTable(target.tableName), tableClient),
    objects: new S3ArchiveObjects(place.bucket, s3Client),
    source: new HttpRecordingSource({ hotlinkKey: async () => key }),
    events: busEventSink(new EventBridgeEventPublisher(target.eventBusName, busClient)),
    log: notesTo(io),
    // A person's command has no deadline: a copy runs to its end.
    timeLeftMs: () => Number.POSITIVE_INFINITY,
  };
  const letters =
    place.deadLetters &&
    new SqsDeadLetters(place.deadLetters.url, undefined, place.deadLetters.sqs);
  return {
    deps,
    candidates: new DynamoDbArchiveCandidates(target.tableName, tableClient),
    ...(letters && { letters }),
    description: [
      `Archive of ${target.description}: bucket ${place.bucket}, table ${target.tableName}, bus ${target.eventBusName}`,
      ...(place.deadLetters ? [`Dead-letter queue: ${place.deadLetters.url}`] : []),
      place.hotlinkKeyParameter === undefined
        ? 'VOD hotlink key: none (URLs are not signed)'
        : key === undefined
          ? `VOD hotlink key: none (SSM parameter ${place.hotlinkKeyParameter} does not exist; URLs are not signed)`
          : `VOD hotlink key: from SSM parameter ${place.hotlinkKeyParameter} (URLs are signed)`,
    ],
    close: () => {
      for (const client of [tableClient, busClient, s3Client]) client.destroy();
    },
  };
}

/** The local stack's S3 (`npm start`), from its state file; it has no dead-letter queue. */
function localPlace(target: Target, deadLetters: boolean): ArchivePlace {
  if (deadLetters) {
    throw new CliError(
      'The local stack has no dead-letter queue (serverless-offline does not retry a failed ' +
        'function): archive a window instead (--since T)',
    );
  }
  const archive = target.local?.archive;
  if (archive === undefined) {
    throw new CliError(
      'The running local stack has no archive (no local S3): restart `npm start` to get one',
    );
  }
  return {
    bucket: archive.bucket,
    s3: { endpoint: archive.s3Url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
  };
}

/** The deployed stage's bucket and queue, from its stack's outputs. */
async function deployedPlace(
  target: Target,
  deadLetters: boolean,
  env: Record<string, string | undefined>,
): Promise<ArchivePlace> {
  const outputs = await deployedStackOutputs(target.stage, target.region, env);
  const bucket = outputs[ARCHIVE_BUCKET_OUTPUT];
  const queueUrl = outputs[ARCHIVE_DEAD_LETTER_QUEUE_OUTPUT];
  if (bucket === undefined || (deadLetters && queueUrl === undefined)) {
    throw new CliError(
      `The archive is off for stage ${target.stage} (stack ${stackName(target.stage)} has no ` +
        `${bucket === undefined ? ARCHIVE_BUCKET_OUTPUT : ARCHIVE_DEAD_LETTER_QUEUE_OUTPUT} output): ` +
        `deploy it with ${deployCommand(target.stage, target.region, ['--param="archiveRecordings=true"'])}`,
    );
  }
  const region = { region: target.region };
  return {
    bucket,
    s3: { ...region, ...awsEndpoint(env, 'S3') },
    ...(deadLetters &&
      queueUrl !== undefined && {
        deadLetters: { url: queueUrl, sqs: { ...region, ...awsEndpoint(env, 'SQS') } },
      }),
    hotlinkKeyParameter: hotlinkKeyParameterName(target.stage),
  };
}

/**
 * The hotlink key, read once before anything is copied: a parameter that cannot be read stops the
 * run in one line, instead of failing every recording. The key itself is never shown.
 */
async function readHotlinkKey(
  place: ArchivePlace,
  region: string,
  env: Record<string, string | undefined>,
): Promise<string | undefined> {
  const parameter = place.hotlinkKeyParameter;
  if (parameter === undefined) return undefined;
  const endpoint = awsEndpoint(env, 'SSM');
  try {
    return await hotlinkKeyFrom(ssmParameterReader({ region, ...endpoint }), parameter)();
  } catch (error) {
    if (error instanceof ArchiveError) throw new CliError(error.message, { cause: error });
    // Powertools' GetParameterError carries the SDK's error as its cause.
    const cause = (error as { cause?: unknown }).cause ?? error;
    throw new CliError(
      awsFailure(`read the VOD hotlink key (SSM parameter ${parameter})`, region, cause),
      { cause: error },
    );
  }
}

/**
 * The archive's log in a person's terminal: what it warns about (a playlist still growing, a
 * source that ignored a range, an upload it could not abort) as a note under the run's lines; its
 * routine lines are the function's, and the run prints its own.
 */
function notesTo(io: CliIo): Log {
  const note = (message: string) => io.out(`    note: ${message}`);
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: note,
    error: note,
    appendKeys: () => undefined,
  };
}
