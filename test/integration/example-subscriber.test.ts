import type { RecordingFileCreatedEvent } from '../../handlers/example-subscriber';
import type { RecordingFileCreatedDetail } from '../../lib/events/recording/event';
import { recordingKind } from '../../lib/events/recording/kind';
import { toOutgoingEvent } from '../../lib/outbox/event';
import { summariseRecording } from '../../lib/events/recording/summarise';
import { aRecording, aStoredRecording } from '../support/stored-record';

/** The event EventBridge delivers to a rule's target for a `Recording File Created` entry. */
function eventBridgeEvent(): RecordingFileCreatedEvent {
  const { source, detailType, detail } = toOutgoingEvent(
    aStoredRecording(aRecording()),
    recordingKind.keptWhenTruncated,
  );
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': detailType as RecordingFileCreatedEvent['detail-type'],
    source,
    account: '123456789012',
    time: '2026-11-25T08:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: JSON.parse(detail) as RecordingFileCreatedDetail,
  };
}

describe('the example subscriber', () => {
  afterEach(() => jest.restoreAllMocks());

  it('prints the one-line summary of the recording in the event, and nothing else', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const { handler } = await import('../../handlers/example-subscriber');
    const event = eventBridgeEvent();

    await handler(event);

    expect(log.mock.calls).toEqual([[summariseRecording(event.detail)]]);
  });
});
