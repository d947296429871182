import S3rver from '@20minutes/s3rver';
import { DUMMY_ACCOUNT } from '@20minutes/s3rver/lib/models/account';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  NoSuchKey,
  type S3Client,
} from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createS3Client } from '../lib/aws/s3-client';

/*
 * A local S3: @20minutes/s3rver (the maintained fork of s3rver), on loopback, keeping its objects
 * in a directory. What it lacks, and what that means for what runs against it:
 * - it recognises no signature of today's SDK, so it runs with `allowMismatchedSignatures` (the
 *   access key must still be one it knows: pass the callers' in `credentials`);
 * - it has no ListParts and no AbortMultipartUpload (405): an abort is best effort anyway;
 * - it returns no checksums, and completes an upload it does not know with a 500, not NoSuchUpload.
 */

export interface LocalS3 {
  /** `http://127.0.0.1:<port>`: set as `AWS_ENDPOINT_URL_S3`. */
  endpoint: string;
  directory: string;
  /** A client as the archive makes it (path-style), for reading back what was written. */
  client: S3Client;
  /** The object's bytes, or undefined when there is none. */
  read(bucket: string, key: string): Promise<Buffer | undefined>;
  /** The object's headers, or undefined when there is none. */
  head(
    bucket: string,
    key: string,
  ): Promise<{ size: number; contentType?: string; metadata: Record<string, string> } | undefined>;
  stop(): Promise<void>;
}

export interface LocalS3Options {
  buckets: string[];
  /** Where objects are kept; default a new temporary directory, removed on stop. */
  directory?: string;
  port?: number;
  /** Access keys the callers sign with. */
  credentials?: { accessKeyId: string; secretAccessKey: string }[];
  region?: string;
}

export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const temporary = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'local-s3-')));
  const credentials = options.credentials ?? [{ accessKeyId: 'local', secretAccessKey: 'local' }];
  for (const { accessKeyId, secretAccessKey } of credentials) {
    DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  }
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    allowMismatchedSignatures: true,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createS3Client({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: credentials[0] as { accessKeyId: string; secretAccessKey: string },
  });
  return {
    endpoint,
    directory,
    client,
    read: async (bucket, key) => {
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Body === undefined ? undefined : Buffer.from(await Body.transformToByteArray());
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    head: async (bucket, key) => {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return {
          size: head.ContentLength ?? 0,
          ...(head.ContentType !== undefined && { contentType: head.ContentType }),
          metadata: head.Metadata ?? {},
        };
      } catch (error) {
        if (error instanceof NotFound) return undefined;
        throw error;
      }
    },
    stop: async () => {
      client.destroy();
      await server.close();
      if (temporary) await rm(directory, { recursive: true, force: true });
    },
  };
}
