import { readFileSync } from 'node:fs';
import { ArchiveStorageError, SourceNotFoundError } from '../../../../lib/archive/errors';
import type { BackfillStep } from '../../../../lib/archive/backfill';
import { hotlinkKeyParameterName } from '../../../../scripts/archive/archive-wiring';
import {
  describeFailure,
  describeReport,
  describeStep,
  describeWindow,
  failedLine,
} from '../../../../scripts/archive/step-lines';
import { projectPath } from '../../../support/project';

const key = { stream_id: 'room-1', file_id: '387702299774251234' };

describe('a line per recording', () => {
  it.each<[string, BackfillStep, string]>([
    [
      'archived, with where and how much',
      {
        key,
        outcome: 'archived',
        archive: {
          uri: 's3://bucket/room-1/387702299774251234.mp4',
          bytes: 277_941_079,
          archivedAt: '2026-12-07T20:41:03.112Z',
        },
      },
      '  room-1/387702299774251234: archived, s3://bucket/room-1/387702299774251234.mp4 (277,941,079 bytes)',
    ],
    [
      'announced only',
      { key, outcome: 'announced' },
      '  room-1/387702299774251234: archived before; its Recording File Archived event published now',
    ],
    [
      'already archived',
      { key, outcome: 'already-archived' },
      '  room-1/387702299774251234: already archived',
    ],
    [
      'replaced meanwhile',
      { key, outcome: 'superseded' },
      "  room-1/387702299774251234: replaced by a newer version meanwhile (that version's own event archives it)",
    ],
    [
      'gone',
      { key, outcome: 'missing' },
      '  room-1/387702299774251234: no such recording any more: nothing to archive',
    ],
    [
      'in a dry run',
      { key, outcome: 'would-archive' },
      '  room-1/387702299774251234: would be archived',
    ],
    [
      'failed, with why',
      { key, error: new SourceNotFoundError('http://vod.example.com/f.mp4', 404) },
      '  room-1/387702299774251234: FAILED: the source has no file at http://vod.example.com/f.mp4 (404): it may have been deleted from VOD',
    ],
    [
      'a message that names no recording',
      { letter: { id: 'm-1', body: 'x', receipt: 'r' }, unreadable: 'not JSON' },
      "  message m-1: not a recording's event (not JSON); kept in the queue",
    ],
  ])('%s', (_case, step, line) => {
    expect(describeStep(step)).toBe(line);
  });
});

describe("a failure's reason", () => {
  /** An error as the AWS SDK throws it: a name, a message and `$metadata`. */
  const sdkError = (name: string, message: string) =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 403 } });

  it("adds AWS's reason to the archive's own words when S3 refused", () => {
    const error = new ArchiveStorageError('S3 failed for s3://b/k.mp4; the copy is retried', {
      cause: sdkError('AccessDenied', 'Access Denied'),
    });

    expect(describeFailure(error)).toBe(
      'S3 failed for s3://b/k.mp4; the copy is retried (AWS: AWS refused (AccessDenied: Access Denied). Use credentials allowed to, as for npm run deploy)',
    );
  });

  it("is AWS's when an SDK error comes through as it is", () => {
    expect(describeFailure(sdkError('ThrottlingException', 'Rate exceeded'))).toBe(
      'AWS: ThrottlingException: Rate exceeded',
    );
  });

  it('is the message of any other error, and the value of a thrown non-error', () => {
    expect(describeFailure(new Error('socket hang up'))).toBe('socket hang up');
    expect(describeFailure('stopped')).toBe('stopped');
  });
});

describe('the headings and the summary', () => {
  const since = new Date('2026-12-01T00:00:00Z');
  const until = new Date('2026-12-02T00:00:00Z');

  it('name the window and its streams', () => {
    expect(describeWindow({ since, until, streams: ['room-1'] }, false)).toBe(
      'Recordings of stream room-1 that ended from 2026-12-01T00:00:00.000Z to 2026-12-02T00:00:00.000Z and have no archive:',
    );
    expect(describeWindow({ since, until, streams: [] }, true)).toMatch(
      /^Recordings of every stream .* and have no archive \(dry run: nothing is changed\):$/,
    );
  });

  it('say what a dry run found, unreadable messages included', () => {
    const report = { found: 3, archived: 0, settled: 0, failed: 1 };
    expect(describeReport(report, { dryRun: true, what: 'dead-letters' })).toBe(
      '3 messages in the dead-letter queue, 1 unreadable. Dry run: nothing was changed.',
    );
  });

  it('say how many failed and how to retry, in the singular and the plural', () => {
    const one = { found: 1, archived: 0, settled: 0, failed: 1 };
    const two = { found: 2, archived: 0, settled: 0, failed: 2 };
    expect(failedLine(one, 'window')).toMatch(/^1 recording of the window could not be archived/);
    expect(failedLine(two, 'window')).toMatch(/^2 recordings of the window could not be archived/);
    expect(failedLine(one, 'dead-letters')).toMatch(
      /^1 message of the dead-letter queue could not be archived and stays in it/,
    );
    expect(failedLine(two, 'dead-letters')).toMatch(/^2 messages .* and stay in it/);
  });
});

it('reads the hotlink key from the parameter serverless.yml gives the function', () => {
  const template = readFileSync(projectPath('serverless.yml'), 'utf8');
  const declared = /^ {2}vodHotlinkKeyParameter: (\S+)$/m.exec(template)?.[1];

  expect(declared).toBe('/${self:service}/${sls:stage}/vod-hotlink-key');
  expect(hotlinkKeyParameterName('prod')).toBe('/tencent-css-recordings/prod/vod-hotlink-key');
  expect(template).toMatch(/^service: tencent-css-recordings$/m);
});
