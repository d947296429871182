import { defineServiceEvent, isServiceEvent } from '../../../lib/events/define-service-event';
import type { DetailOf } from '../../../lib/events/detail';
import { text } from '../../../lib/events/fields';
import { recordingKind } from '../../../lib/events/kinds/recording';
import { eventVersion } from '../../../lib/events/service-fields';
import { exampleServiceEvent as exampleEvent } from '../../support/example-service-event';

describe('defineServiceEvent', () => {
  it('keeps the declaration, and marks it as the service’s own', () => {
    expect(exampleEvent).toMatchObject({
      origin: 'service',
      name: 'thing-measured',
      detailType: 'Thing Measured',
    });
    expect(Object.keys(exampleEvent.definition.fields())).toEqual([
      'id',
      'version',
      'size',
      'note',
    ]);
  });

  it('tells a service event from a callback’s kind', () => {
    expect(isServiceEvent(exampleEvent)).toBe(true);
    expect(isServiceEvent(recordingKind)).toBe(false);
  });

  it('types the detail by the declared fields: required where the schema is, each of its output type', () => {
    // Checked by the compiler.
    const detail: DetailOf<typeof exampleEvent> = { id: 'a/b', version: 1, size: 42 };
    const noted: DetailOf<typeof exampleEvent> = { ...detail, note: 'optional' };
    // @ts-expect-error: size is required
    const sizeless: DetailOf<typeof exampleEvent> = { id: 'a/b', version: 1 };
    // @ts-expect-error: a service event's detail has no event_type
    const withType: DetailOf<typeof exampleEvent> = { ...detail, event_type: 100 };

    expect([detail, noted, sizeless, withType]).toHaveLength(4);
  });

  it('asks every declaration for id and version, which subscribers deduplicate on', () => {
    const declare = () => [
      // @ts-expect-error: no id
      defineServiceEvent({ name: 'n', detailType: 'N', fields: () => ({ version: eventVersion }) }),
      // @ts-expect-error: no version
      defineServiceEvent({ name: 'n', detailType: 'N', fields: () => ({ id: text }) }),
      defineServiceEvent({
        name: 'n',
        detailType: 'N',
        // @ts-expect-error: a version is a number
        fields: () => ({ id: text, version: text }),
      }),
    ];

    expect(declare()).toHaveLength(3);
  });
});
