import { InvalidCallbackError } from '../../../lib/errors';
import { KINDS } from '../../../lib/events/registry';
import { bodyHashOf, interpretCallback } from '../../../lib/ingest/interpret';
import { contentHash, type JsonObject } from '../../../lib/json/json';
import { FIXTURES, fixture, loadFixture } from '../../support/fixtures';
import { kindBody } from '../../support/kinds';

const recording = (overrides: JsonObject = {}) => fixture(FIXTURES.documented, overrides);

describe('interpretCallback', () => {
  const typed = KINDS.flatMap((kind) =>
    kind.eventTypes.map((eventType) => ({ kind, eventType, name: kind.name })),
  );

  it.each(typed)('reads event_type $eventType as the $name kind', ({ kind, eventType }) => {
    const interpreted = interpretCallback(kindBody(kind, { event_type: eventType }));

    expect(interpreted.kind).toBe(kind);
    expect(interpreted.eventType).toBe(eventType);
    expect(interpreted.identity.detailType).toBe(kind.detailType);
  });

  it.each([314, 9999])(
    'reads event_type %p, which has no kind of its own, as Callback Received',
    (eventType) => {
      const interpreted = interpretCallback(
        fixture('callback-received-callback.json', { event_type: eventType }),
      );

      expect(interpreted.kind.name).toBe('callback-received');
      expect(interpreted.identity.detailType).toBe('Callback Received');
      expect(interpreted.eventType).toBe(eventType);
    },
  );

  it('reads an event_type sent as a string, as older senders did', () => {
    const interpreted = interpretCallback(loadFixture(FIXTURES.legacyStrings));

    expect(interpreted.eventType).toBe(100);
    expect(interpreted.kind.name).toBe('recording');
  });

  it('identifies a recording by stream_id and file_id: its key, its event id', () => {
    const interpreted = interpretCallback(
      fixture(FIXTURES.documented, { stream_id: 'room-9', file_id: 'f-1' }),
    );

    expect(interpreted.identity).toEqual({
      key: { stream_id: 'room-9', file_id: 'f-1' },
      id: 'room-9/f-1',
      detailType: 'Recording File Created',
    });
  });

  it('returns the normalised record, without sign and t, under the kind’s table', () => {
    const body = { ...recording(), sign: 'a'.repeat(32), t: 1_700_000_000 };

    const interpreted = interpretCallback(body);

    expect(interpreted.kind.table).toBe('recordings');
    expect(interpreted.fields).toEqual(interpreted.kind.normalise(body));
    expect(interpreted.fields).not.toHaveProperty('sign');
    expect(interpreted.fields).not.toHaveProperty('t');
  });

  it.each([
    { problem: 'is missing', overrides: {}, message: 'event_type is missing' },
    {
      problem: 'is not a number',
      overrides: { event_type: 'recording' },
      message: 'event_type must be a number',
    },
  ])('refuses a body whose event_type $problem', ({ overrides, message }) => {
    const { event_type: _type, ...body } = recording();

    expect(() => interpretCallback({ ...body, ...overrides })).toThrow(
      new InvalidCallbackError(message),
    );
  });

  it('refuses a body its kind does not accept, naming the field', () => {
    const { file_id: _file, ...body } = recording();

    expect(() => interpretCallback(body)).toThrow(InvalidCallbackError);
    expect(() => interpretCallback(body)).toThrow(/file_id/);
  });
});

describe('the body fingerprint (bodyHash)', () => {
  it('is the same for every retry of a callback: sign and t are left out', () => {
    const first = interpretCallback({ ...recording(), sign: 'aaaa', t: 1_700_000_600 });
    const retry = interpretCallback({ ...recording(), sign: 'bbbb', t: 1_700_000_660 });
    const unsigned = interpretCallback(recording());

    expect(retry.bodyHash).toBe(first.bodyHash);
    expect(unsigned.bodyHash).toBe(first.bodyHash);
  });

  it('does not depend on the order of the body’s fields', () => {
    const body = recording();
    const reversed = Object.fromEntries(Object.entries(body).reverse());

    expect(bodyHashOf(reversed)).toBe(bodyHashOf(body));
  });

  it('changes with any other field, unknown ones included', () => {
    const original = bodyHashOf(recording());

    expect(bodyHashOf(recording({ video_url: 'https://other.example/f.mp4' }))).not.toBe(original);
    expect(bodyHashOf({ ...recording(), extra: 1 })).not.toBe(original);
  });

  it('tells apart bodies the normaliser makes the same record of: it is the body as sent', () => {
    // Numbers as strings (older senders) and as numbers normalise alike.
    const asStrings = { ...recording(), duration: '154' };

    const sent = interpretCallback(asStrings);
    const numeric = interpretCallback(recording());

    expect(contentHash(sent.fields)).toBe(contentHash(numeric.fields));
    expect(sent.bodyHash).not.toBe(numeric.bodyHash);
  });
});
