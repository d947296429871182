import Ajv from 'ajv';
import { archivedEventDetail, busEventSink } from '../../../lib/archive/archived-event';
import { planArchive, s3Uri } from '../../../lib/archive/key-plan';
import { recordingToArchive } from '../../../lib/archive/recording';
import { PublishError } from '../../../lib/errors';
import { recordingKind } from '../../../lib/events/kinds/recording';
import { recordingArchivedEvent } from '../../../lib/events/kinds/recording-archived';
import { detailJsonSchema } from '../../../lib/events/schema';
import type { OutgoingEvent } from '../../../lib/outbox/event';
import { Refusal, type EntryResult } from '../../../lib/outbox/event-publisher';
import { recordingBody } from '../../support/fixtures';
import { documentedDetail } from '../../support/kinds';

const DETAIL = {
  id: 's/f',
  version: 2,
  stream_id: 's',
  file_id: 'f',
  uri: 's3://b/s/f.mp4',
  bytes: 42,
};

const publisher = (results: EntryResult[]) => {
  const sent: OutgoingEvent[] = [];
  return {
    sent,
    publish: async (events: readonly OutgoingEvent[]) => {
      sent.push(...events);
      return results;
    },
  };
};

it('announces Recording File Archived from tencentcloud.css, its detail as given', async () => {
  const bus = publisher([{ ok: true }]);
  await busEventSink(bus).announce(DETAIL);
  expect(bus.sent).toEqual([
    expect.objectContaining({
      source: 'tencentcloud.css',
      detailType: 'Recording File Archived',
      detail: JSON.stringify(DETAIL),
    }),
  ]);
});

it.each([
  [
    'refused',
    [{ ok: false, error: 'InternalFailure: x', refusal: Refusal.retryable }] as EntryResult[],
    'InternalFailure: x',
  ],
  ['not answered', [] as EntryResult[], 'no result'],
])('fails when the bus %s the event, saying why', async (_what, results, reason) => {
  await expect(busEventSink(publisher(results)).announce(DETAIL)).rejects.toThrow(
    new PublishError(`the bus did not take Recording File Archived: ${reason}`),
  );
});

describe('the detail of Recording File Archived', () => {
  it('is, for the documented recording copied as an MP4, the fixture docs/events.md shows', () => {
    const fields = recordingKind.normalise(
      recordingBody({
        file_format: 'mp4',
        video_url: 'http://12345678.vod2.myqcloud.com/xxxx/yyyy/zzzz.mp4',
      }),
    );
    const recording = recordingToArchive(fields, 1);
    const plan = planArchive(recording);
    if (plan.layout !== 'file') throw new Error('expected a single file');

    const detail = archivedEventDetail(recording, {
      uri: s3Uri('tencent-css-recordings-prod-archivebucket-1a2b3c4d5e6f', plan.key),
      // A single file's copy measures Tencent's file_size, or fails.
      bytes: plan.expectedBytes ?? Number.NaN,
      archivedAt: '2026-12-07T20:41:03.112Z',
    });

    expect(detail).toEqual(documentedDetail(recordingArchivedEvent));
    expect(detail.id).toBe(recordingKind.identify(fields).id);
  });

  it('is published as its generated JSON Schema describes it', async () => {
    const bus = publisher([{ ok: true }]);
    const validate = new Ajv({ allErrors: true }).compile(detailJsonSchema(recordingArchivedEvent));

    await busEventSink(bus).announce(DETAIL);

    const published = JSON.parse(bus.sent[0]?.detail ?? 'null') as Record<string, unknown>;
    const { uri: _uri, ...withoutUri } = published;
    expect(validate(published)).toBe(true);
    expect(validate(withoutUri)).toBe(false);
  });
});
