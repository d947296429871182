import type { TencentCssEvent } from '../../../handlers/example-subscriber';
import type { DetailType } from '../../../lib/events/detail-types';
import { PUBLISHED_EVENTS, type PublishedEvent } from '../../../lib/events/published-events';
import { summariseEvent } from '../../../lib/events/summarise';
import { EVENT_SOURCE } from '../../../lib/record/record';
import { documentedDetail } from '../../support/kinds';

/**
 * The event EventBridge delivers to a rule's target for the documented example of a detail-type
 * (a kind's fixture, published; a service event's fixture).
 */
function eventBridgeEvent(declared: PublishedEvent): TencentCssEvent {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': declared.detailType as DetailType,
    source: EVENT_SOURCE,
    account: '123456789012',
    time: '2026-11-25T08:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: documentedDetail(declared) as never,
  };
}

describe('the example subscriber', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(PUBLISHED_EVENTS.map((declared) => [declared.detailType, declared] as const))(
    'prints the one line of a %s event, and nothing else',
    async (detailType, declared) => {
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const { handler } = await import('../../../handlers/example-subscriber');
      const event = eventBridgeEvent(declared);

      await handler(event);

      expect(log.mock.calls).toEqual([[summariseEvent(detailType, event.detail as never)]]);
    },
  );
});
