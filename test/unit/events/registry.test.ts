import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as events from '../../../lib/events';
import type { EventKind } from '../../../lib/events/kind';
import { PUBLISHED_EVENTS } from '../../../lib/events/published-events';
import { KINDS, keptWhenTruncated, kindOfEventType } from '../../../lib/events/registry';
import { SERVICE_EVENTS } from '../../../lib/events/service-events';
import { readEventType } from '../../../lib/events/fields';
import { detailJsonSchema } from '../../../lib/events/schema';
import { KINDS_DIR, fixtureExists, fixtureNameOf, kindBody, testPathOf } from '../../support/kinds';
import { loadFixture } from '../../support/fixtures';

/*
 * Adding a kind of callback is one file in lib/events/kinds/ that declares it with defineKind,
 * plus one line in lib/events/registry.ts; beside it, by convention, its fixture and its tests
 * (its types and JSON Schema are generated from the declaration). These tests fail until all of
 * those are there. test/unit/events/adding-a-kind.test.ts shows that nothing else is needed.
 * An event the service publishes of its own accord is declared in the same folder with
 * defineServiceEvent, and listed in lib/events/service-events.ts instead of the registry.
 */

function isEventKind(value: unknown): value is EventKind {
  return (
    typeof value === 'object' &&
    value !== null &&
    'detailType' in value &&
    'normalise' in value &&
    'identify' in value
  );
}

function isServiceEvent(value: unknown): value is { name: string; detailType: string } {
  return (
    typeof value === 'object' && value !== null && 'origin' in value && value.origin === 'service'
  );
}

const kindFiles = readdirSync(KINDS_DIR)
  .filter((name) => name.endsWith('.ts'))
  .sort();

describe('the registry', () => {
  it.each(kindFiles)(
    'registers the kind (or lists the event of the service) that lib/events/kinds/%s exports',
    (file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(join(KINDS_DIR, file)) as Record<string, unknown>);
      const kinds = exported.filter(isEventKind);
      const declared = [...kinds, ...exported.filter(isServiceEvent)];

      expect(declared).toHaveLength(1);
      // A callback's kind is in the registry; an event of the service's own, in SERVICE_EVENTS.
      expect(kinds.length === 1 ? KINDS : SERVICE_EVENTS).toContain(declared[0]);
      expect(`${declared[0]?.name}.ts`).toBe(file);
    },
  );

  it.each(PUBLISHED_EVENTS.map((declared) => [declared.name, declared] as const))(
    '%s has a fixture, a JSON Schema and unit tests',
    (_name, declared) => {
      expect(fixtureExists(declared)).toBe(true);
      expect(detailJsonSchema(declared)).toMatchObject({
        title: `${declared.detailType} (detail)`,
      });
      expect(existsSync(testPathOf(declared))).toBe(true);
    },
  );

  it.each(KINDS.map((kind) => [kind.name, kind] as const))(
    '%s is the kind of its fixture’s event_type',
    (_name, kind) => {
      expect(kindOfEventType(readEventType(loadFixture(fixtureNameOf(kind))))).toBe(kind);
    },
  );

  it('gives every kind its own name, detail-type and event types', () => {
    const unique = (values: readonly unknown[]) => new Set(values).size === values.length;

    expect(unique(KINDS.map((kind) => kind.name))).toBe(true);
    expect(unique(KINDS.map((kind) => kind.detailType))).toBe(true);
    expect(unique(KINDS.flatMap((kind) => kind.eventTypes))).toBe(true);
    expect(unique(PUBLISHED_EVENTS.map((declared) => declared.name))).toBe(true);
    expect(unique(PUBLISHED_EVENTS.map((declared) => declared.detailType))).toBe(true);
  });

  it.each(SERVICE_EVENTS.map((event) => [event.detailType, event] as const))(
    'routes no event_type to %s, which the service publishes of its own accord',
    (detailType, event) => {
      const eventTypes = [
        ...KINDS.flatMap((kind) => kind.eventTypes),
        ...Array.from({ length: 1002 }, (_, index) => index - 1),
      ];

      expect(KINDS).not.toContain(event);
      for (const eventType of eventTypes) {
        expect(kindOfEventType(eventType).detailType).not.toBe(detailType);
      }
    },
  );

  it('gives every kind its own event_key prefix in the events table', () => {
    const prefixes = KINDS.filter((kind) => kind.table === 'events').map(
      (kind) => kind.identify(kind.normalise(kindBody(kind))).key.event_key?.split('#')[0],
    );

    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  // DESIGN.md, "Every signed event type".
  it.each([
    [1, 'Stream Push Started'],
    [0, 'Stream Push Ended'],
    [100, 'Recording File Created'],
    [200, 'Screenshot Created'],
    [317, 'Image Moderation Result'],
    [315, 'Audio Moderation Result'],
    [321, 'Push Exception'],
    [332, 'Recording Status Changed'],
    [341, 'Recording Exception'],
  ])('publishes event_type %p as %p', (eventType, detailType) => {
    expect(kindOfEventType(eventType).detailType).toBe(detailType);
  });

  it.each([314, 318, 999, -1, 1.5])(
    'forwards any other type (%p) as Callback Received, so every callback is published',
    (eventType) => {
      expect(kindOfEventType(eventType).detailType).toBe('Callback Received');
    },
  );

  it('keeps recordings in their table and every other kind in the events table', () => {
    const tables = Object.fromEntries(KINDS.map((kind) => [kind.name, kind.table]));

    expect(tables).toEqual({
      recording: 'recordings',
      'push-started': 'events',
      'push-ended': 'events',
      screenshot: 'events',
      'image-moderation': 'events',
      'audio-moderation': 'events',
      'push-exception': 'events',
      'recording-status': 'events',
      'recording-exception': 'events',
      'callback-received': 'events',
    });
  });

  it('marks the kinds that come every few seconds as high-volume, so their records expire', () => {
    const highVolume = KINDS.filter((kind) => kind.highVolume).map((kind) => kind.name);

    expect(highVolume.sort()).toEqual(['audio-moderation', 'image-moderation', 'screenshot']);
  });

  it('projects a push’s start and end onto its session, and nothing else onto anything', () => {
    const projecting = KINDS.filter((kind) => kind.project).map((kind) => kind.name);

    expect(projecting.sort()).toEqual(['push-ended', 'push-started']);
  });

  it('finds the fields a too-large event keeps by its detail-type, none for an unknown one', () => {
    for (const kind of KINDS) {
      expect(keptWhenTruncated(kind.detailType)).toBe(kind.keptWhenTruncated);
      expect(kind.keptWhenTruncated.has('event_type')).toBe(true);
      expect(kind.keptWhenTruncated.has('stream_id')).toBe(true);
      expect(kind.keptWhenTruncated.has('stream_param')).toBe(false);
      expect(kind.keptWhenTruncated.has('callback_ext')).toBe(false);
    }
    expect(keptWhenTruncated('Something Else').size).toBe(0);
  });

  it('exports every detail-type from lib/events, for subscribers', () => {
    const exported = Object.entries(events)
      .filter(([name]) => name.endsWith('_DETAIL_TYPE'))
      .map(([, value]) => value as string);

    expect(exported.sort()).toEqual(PUBLISHED_EVENTS.map((declared) => declared.detailType).sort());
    expect(events.KINDS).toBe(KINDS);
    expect(events.SERVICE_EVENTS).toBe(SERVICE_EVENTS);
  });
});
