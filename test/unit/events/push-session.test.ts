import type { EventKind, Projection } from '../../../lib/events/kind';
import { pushEndedKind } from '../../../lib/events/kinds/push-ended';
import { pushStartedKind } from '../../../lib/events/kinds/push-started';
import { deriveSession } from '../../../lib/events/push-session';
import type { JsonMap } from '../../../lib/json/json';
import { kindBody } from '../../support/kinds';

/** What the store does with projections: set, then derive from the item as it is. */
function apply(item: JsonMap, projection: Projection): JsonMap {
  const after = { ...item, ...projection.set };
  return { ...after, ...projection.derive?.(after) };
}

function projectionOf(kind: EventKind, overrides = {}): Projection {
  const projection = kind.project?.(kind.normalise(kindBody(kind, overrides)));
  if (projection === undefined) throw new Error(`${kind.name} projects nothing`);
  return projection;
}

describe('the push session', () => {
  const start = projectionOf(pushStartedKind);
  const end = projectionOf(pushEndedKind);

  it('is one item per push, session#<sequence>, that the start and the end both fill in', () => {
    expect(start.key).toEqual({
      stream_id: 'test_stream',
      event_key: 'session#2210464508206756938',
    });
    expect(end.key).toEqual(start.key);
  });

  it('holds what a person browsing sessions wants, once both callbacks are in', () => {
    const session = apply(apply({}, start), end);

    expect(session).toEqual({
      sequence: '2210464508206756938',
      start_time: 1703731478,
      start_time_iso: '2023-12-28T02:44:38.000Z',
      end_time: 1703731606,
      end_time_iso: '2023-12-28T02:46:46.000Z',
      duration: 128,
      push_duration: 128581,
      errcode: 1,
      errmsg: 'The push client actively stopped the push',
      appid: 12345678,
      app: 'test.domain.com',
      appname: 'live',
      user_ip: '203.0.113.24',
      node: '42.81.194.37',
      set_id: 2,
      start_width: 0,
      start_height: 0,
      end_width: 1280,
      end_height: 720,
      // The start reported 0x0 (no video header yet): the end's resolution.
      width: 1280,
      height: 720,
    });
  });

  it('is the same item whichever callback arrives first', () => {
    expect(apply(apply({}, end), start)).toEqual(apply(apply({}, start), end));
  });

  it('is unchanged by a redelivery of either callback', () => {
    const session = apply(apply({}, start), end);

    expect(apply(apply(session, end), start)).toEqual(session);
  });

  it('has no duration until both callbacks are in', () => {
    expect(apply({}, start)).not.toHaveProperty('duration');
    expect(apply({}, end)).not.toHaveProperty('duration');
    expect(apply({}, end)).not.toHaveProperty('start_time');
  });

  it('sets disjoint attributes from the start and the end, sequence aside', () => {
    const shared = Object.keys(start.set).filter((name) => name in end.set);

    expect(shared).toEqual(['sequence']);
  });

  it('takes the start’s resolution when the end reports none', () => {
    const withSize = projectionOf(pushStartedKind, { width: 1920, height: 1080 });
    const withoutSize = projectionOf(pushEndedKind, { width: 0, height: 0 });

    expect(apply(apply({}, withoutSize), withSize)).toMatchObject({ width: 1920, height: 1080 });
  });

  it('derives nothing from an item that has nothing to derive from', () => {
    expect(deriveSession({ sequence: '1' })).toBeUndefined();
  });
});
