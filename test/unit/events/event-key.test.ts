import fc from 'fast-check';
import {
  NO_STREAM,
  eventId,
  eventKey,
  hashPart,
  millisecondsPart,
  recordHash,
  shortHash,
  streamIdFrom,
  textPart,
  timePart,
} from '../../../lib/events/event-key';

describe('event keys', () => {
  it('join the kind’s prefix and the parts with #', () => {
    expect(eventKey('push-start', ['2023-12-28T02:44:38.000Z', '22104645'])).toBe(
      'push-start#2023-12-28T02:44:38.000Z#22104645',
    );
  });

  it('write times as ISO 8601, which sorts as time does', () => {
    expect(timePart(1703731478)).toBe('2023-12-28T02:44:38.000Z');
    expect(millisecondsPart(1703731574971)).toBe('2023-12-28T02:46:14.971Z');
    expect([timePart(999_999_999), timePart(1_000_000_000)].sort()).toEqual([
      timePart(999_999_999),
      timePart(1_000_000_000),
    ]);
  });

  it('hash to 16 base64url characters (sha256), marked with ~', () => {
    expect(shortHash('x')).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(hashPart('/a/b.jpg')).toBe(`~${shortHash('/a/b.jpg')}`);
    expect(recordHash({ b: 1, a: 2 })).toBe(recordHash({ a: 2, b: 1 }));
  });

  it.each([
    ['a plain part', '2210464508206756938', '2210464508206756938'],
    ['a separator', 'a#b', 'a%23b'],
    ['a slash, which would split the id', 'a/b', 'a%2Fb'],
    ['an escape and a hash mark', '100%~', '100%25%7E'],
  ])('write %s so it cannot forge another key', (_case, part, written) => {
    expect(textPart(part)).toBe(written);
  });

  it('hash a part longer than 128 bytes', () => {
    expect(textPart('x'.repeat(129))).toBe(hashPart('x'.repeat(129)));
    expect(textPart('x'.repeat(128))).toBe('x'.repeat(128));
  });

  it('never give two different part lists the same key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 200 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.string({ maxLength: 200 }), { minLength: 1, maxLength: 3 }),
        (a, b) => {
          fc.pre(JSON.stringify(a) !== JSON.stringify(b));
          expect(eventKey('k', a.map(textPart))).not.toBe(eventKey('k', b.map(textPart)));
        },
      ),
    );
  });

  it('stay short whatever the parts hold', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 2000 }), { maxLength: 4 }), (parts) => {
        expect(
          Buffer.byteLength(eventKey('recording-exception', parts.map(textPart))),
        ).toBeLessThan(600);
      }),
    );
  });

  it('name an event <stream_id>/<event_key>', () => {
    expect(eventId('room', 'screenshot#t#~h')).toBe('room/screenshot#t#~h');
  });
});

describe('streamIdFrom', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['the first candidate that is a non-empty string', { a: '', b: 7, c: 'room' }, 'room'],
    ['"-" when none is', { a: null }, NO_STREAM],
    ['"-" for a name longer than a key may be', { a: 'x'.repeat(1025) }, NO_STREAM],
  ])('takes %s', (_case, body, streamId) => {
    expect(streamIdFrom(body, ['a', 'b', 'c'])).toBe(streamId);
  });
});
