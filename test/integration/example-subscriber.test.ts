import type { TencentCssEvent } from '../../handlers/example-subscriber';
import type { DetailType } from '../../lib/events/detail-types';
import type { EventKind } from '../../lib/events/kind';
import { KINDS } from '../../lib/events/registry';
import { summariseEvent } from '../../lib/events/summarise';
import { eventOf, kindBody } from '../support/kinds';

/** The event EventBridge delivers to a rule's target for the entry of the kind's fixture. */
function eventBridgeEvent(kind: EventKind): TencentCssEvent {
  const { source, detailType, detail } = eventOf(kind, kind.normalise(kindBody(kind)));
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': detailType as DetailType,
    source,
    account: '123456789012',
    time: '2026-11-25T08:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: JSON.parse(detail) as never,
  };
}

describe('the example subscriber', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(KINDS.map((kind) => [kind.detailType, kind] as const))(
    'prints the one line of a %s event, and nothing else',
    async (detailType, kind) => {
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const { handler } = await import('../../handlers/example-subscriber');
      const event = eventBridgeEvent(kind);

      await handler(event);

      expect(log.mock.calls).toEqual([[summariseEvent(detailType, event.detail)]]);
    },
  );
});
