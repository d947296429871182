import { HeadObjectCommand, NotFound, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../../lib/aws/s3-client';
import type { CliIo } from '../cli/io';
import { replaceSdkNodeWarning } from '../cli/node-version';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/settings';
import type { LocalStackState } from '../local/state';
import { ARCHIVE_WAIT_MS, waitForArchive } from './archive-wait';
import type { ServedRecording } from './recordings';

/** Whether, and how, the simulator waits for the archive's copies of its recordings. */
export interface ArchiveWatch {
  /** One line for the plan: where the copies go, or why none is waited for. */
  plan: string;
  /** Waits for the copies and prints where each is; false when one did not arrive in time. */
  wait(io: CliIo): Promise<boolean>;
  close(): void;
}

/**
 * Waits only for an archive it can see: the local stack's, when the recordings go to that stack.
 * Sent to a deployed stack, or to a local one without an archive, nothing is waited for.
 */
export function archiveWatch(
  state: LocalStackState,
  recordingUrl: string | undefined,
  recordings: readonly ServedRecording[],
  timeoutMs = ARCHIVE_WAIT_MS,
): ArchiveWatch {
  const skip = (plan: string): ArchiveWatch => ({
    plan,
    wait: () => Promise.resolve(true),
    close: () => {},
  });
  const { archive } = state;
  if (!archive) return skip('not waited for: the local stack runs no archive');
  if (recordingUrl === undefined) return skip('not waited for: no recording is sent');
  if (!sameStack(recordingUrl, state.urls.callback)) {
    return skip(`not waited for: the recordings go to ${recordingUrl}, not the local stack`);
  }
  // The SDK's seven-line Node.js warning, once more: npm start, whose S3 this reads, has already
  // said it in one line.
  replaceSdkNodeWarning();
  const client = createS3Client({
    endpoint: archive.s3Url,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const seconds = Math.round(timeoutMs / 1000);
  return {
    plan:
      `the local stack copies each file into s3://${archive.bucket}/ (S3 at ${archive.s3Url}); ` +
      `waited for, up to ${seconds} s after the last callback`,
    wait: async (io) => {
      const { lines, complete } = await waitForArchive(recordings, {
        bucket: archive.bucket,
        sizeOf: (key) => sizeOf(client, archive.bucket, key),
        timeoutMs,
      });
      io.out(complete ? 'In the local S3:' : `The local S3 after ${seconds} s:`);
      for (const line of lines) io.out(line);
      if (!complete) {
        io.err(
          `Not every recording reached the local S3 in ${seconds} s: see the [archive] lines ` +
            'in the terminal of npm start',
        );
      }
      return complete;
    },
    close: () => client.destroy(),
  };
}

/** The same endpoint of the same machine: `localhost` and `127.0.0.1` alike. */
export function sameStack(url: string, callbackUrl: string | undefined): boolean {
  if (callbackUrl === undefined) return false;
  const [a, b] = [new URL(url), new URL(callbackUrl)];
  const loopback = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);
  const sameHost = a.hostname === b.hostname || (loopback(a.hostname) && loopback(b.hostname));
  return sameHost && a.port === b.port && a.pathname === b.pathname;
}

async function sizeOf(client: S3Client, bucket: string, key: string): Promise<number | undefined> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return head.ContentLength;
  } catch (error) {
    if (error instanceof NotFound) return undefined;
    throw error;
  }
}
