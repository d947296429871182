import * as v from 'valibot';
import { defineKind } from '../../../lib/events/define-kind';
import { eventKey, textPart } from '../../../lib/events/event-key';
import { keyText, text, unixMilliseconds, unixTime } from '../../../lib/events/fields';

function aKind(onBuild: () => void = () => undefined) {
  return defineKind({
    name: 'example',
    eventTypes: [999],
    detailType: 'Example Happened',
    highVolume: true,
    fields: () => {
      onBuild();
      return {
        stream_id: keyText,
        at: unixTime,
        at_ms: v.optional(unixMilliseconds),
        note: v.optional(text),
        items: v.optional(v.array(v.unknown())),
        stream_param: v.optional(text),
      };
    },
    times: { at: 'seconds', at_ms: 'milliseconds' },
    derived: {
      fields: { label: text },
      derive: (known) => ({ label: `${known.stream_id}@${known.at}` }),
    },
    unbounded: ['items'],
    eventKey: (fields) => eventKey('example', [textPart(String(fields.at as number))]),
  });
}

describe('defineKind', () => {
  it('builds the kind’s schema on its first callback, not when the kind is loaded', () => {
    const build = jest.fn();
    const kind = aKind(build);

    expect(build).not.toHaveBeenCalled();
    kind.normalise({ event_type: 999, stream_id: 's', at: 1 });
    kind.normalise({ event_type: 999, stream_id: 's', at: 2 });
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('adds an ISO copy of each documented time, in seconds or milliseconds, and the derived fields', () => {
    const record = aKind().normalise({ event_type: 999, stream_id: 's', at: 1, at_ms: 1500 });

    expect(record).toEqual({
      event_type: 999,
      stream_id: 's',
      at: 1,
      at_ms: 1500,
      at_iso: '1970-01-01T00:00:01.000Z',
      at_ms_iso: '1970-01-01T00:00:01.500Z',
      label: 's@1',
    });
  });

  it('keeps derived names ours: a field Tencent sends under one is renamed', () => {
    const record = aKind().normalise({
      event_type: 999,
      stream_id: 's',
      at: 1,
      label: 'theirs',
      at_iso: 'theirs',
      event_key: 'theirs',
    });

    expect(record).toMatchObject({ label: 's@1', at_iso: '1970-01-01T00:00:01.000Z' });
    expect(record).toHaveProperty('tencent_label', 'theirs');
    expect(record).toHaveProperty('tencent_at_iso', 'theirs');
    expect(record).toHaveProperty('tencent_event_key');
  });

  it('keeps the documented, bounded fields in a too-large event', () => {
    expect([...aKind().keptWhenTruncated].sort()).toEqual(
      ['at', 'at_iso', 'at_ms', 'at_ms_iso', 'event_type', 'label', 'note', 'stream_id'].sort(),
    );
  });

  it('keys the record in the events table, and names its event', () => {
    const kind = aKind();

    const identity = kind.identify(kind.normalise({ event_type: 999, stream_id: 's', at: 1 }));

    expect(kind).toMatchObject({ table: 'events', highVolume: true, name: 'example' });
    expect(identity).toEqual({
      key: { stream_id: 's', event_key: 'example#1' },
      id: 's/example#1',
      detailType: 'Example Happened',
    });
    expect(kind.project).toBeUndefined();
  });
});
