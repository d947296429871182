import { join } from 'node:path';
import { s3Line } from '../../../../scripts/local/run-stack';
import {
  LOCAL_ARCHIVE_BUCKET,
  readLocalSettings,
  serverlessParams,
} from '../../../../scripts/local/settings';
import { PROJECT_DIR } from '../../../support/project';

describe('the local archive settings', () => {
  it('keeps a relative LOCAL_S3_DIR inside the project and an absolute one as is', () => {
    expect(readLocalSettings({ LOCAL_S3_DIR: 'tmp/s3' }).s3Dir).toBe(
      join(PROJECT_DIR, 'tmp', 's3'),
    );
    expect(readLocalSettings({ LOCAL_S3_DIR: '/var/tmp/s3' }).s3Dir).toBe('/var/tmp/s3');
  });

  it('runs the archive unless LOCAL_ARCHIVE=off, and refuses another value', () => {
    expect(readLocalSettings({}).archive).toBe(true);
    expect(readLocalSettings({ LOCAL_ARCHIVE: 'on' }).archive).toBe(true);
    expect(readLocalSettings({ LOCAL_ARCHIVE: ' off ' }).archive).toBe(false);
    expect(() => readLocalSettings({ LOCAL_ARCHIVE: 'yes' })).toThrow(
      'LOCAL_ARCHIVE must be on or off, not "yes"',
    );
  });

  it('resolves serverless.yml with archiveRecordings true only when the archive runs', () => {
    expect(serverlessParams({ archive: true })).toEqual(['--param', 'archiveRecordings=true']);
    expect(serverlessParams({ archive: false })).toEqual([]);
  });

  it('refuses the local S3 on a port another server of the stack has', () => {
    expect(() => readLocalSettings({ LOCAL_S3_PORT: '8000' })).toThrow(
      'LOCAL_DYNAMODB_PORT and LOCAL_S3_PORT both ask for port 8000',
    );
  });
});

describe("the banner's S3 line", () => {
  const urls = { s3: 'http://127.0.0.1:4569' };

  it('names the bucket, who writes to it and where its files are, inside the project', () => {
    const line = s3Line(
      { urls, archive: { bucket: LOCAL_ARCHIVE_BUCKET, s3Url: urls.s3 } } as never,
      { s3Dir: join(PROJECT_DIR, '.local', 's3') },
    );

    expect(line).toBe(
      '  S3                 http://127.0.0.1:4569  bucket recordings-archive <- archiveRecording; ' +
        'files in .local/s3/recordings-archive/',
    );
  });

  it('shows a directory outside the project as is, and says when no archive runs', () => {
    const line = s3Line({ urls } as never, { s3Dir: '/var/tmp/s3' });

    expect(line).toBe(
      '  S3                 http://127.0.0.1:4569  data in /var/tmp/s3/; no archive function (LOCAL_ARCHIVE=off)',
    );
  });
});
