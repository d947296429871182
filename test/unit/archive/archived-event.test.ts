import { busEventSink } from '../../../lib/archive/archived-event';
import { PublishError } from '../../../lib/errors';
import type { OutgoingEvent } from '../../../lib/outbox/event';
import { Refusal, type EntryResult } from '../../../lib/outbox/event-publisher';

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
