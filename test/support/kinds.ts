import { existsSync } from 'node:fs';
import { type InvalidCallbackError } from '../../lib/errors';
import { isServiceEvent, type ServiceEvent } from '../../lib/events/define-service-event';
import type { EventKind } from '../../lib/events/kind';
import type { PublishedEvent } from '../../lib/events/published-events';
import { contentHash, type JsonMap, type JsonObject } from '../../lib/json/json';
import { toOutgoingEvent, type OutgoingEvent } from '../../lib/outbox/event';
import type { StoredRecord } from '../../lib/record/record';
import { fixture, loadFixture } from './fixtures';
import { projectPath } from './project';
import { errorThrownBy } from './thrown';

/*
 * Where each kind keeps its files, by convention: `lib/events/kinds/<name>.ts` (its declaration,
 * from which its types and JSON Schema are generated), `test/fixtures/<name>-callback.json` and
 * `test/unit/events/kinds/<name>.test.ts`. An event the service publishes of its own accord has
 * no callback: its fixture is the detail it publishes, `test/fixtures/<name>-detail.json`.
 */
export const KINDS_DIR = projectPath('lib', 'events', 'kinds');

export function fixtureNameOf(declared: EventKind | ServiceEvent): string {
  return isServiceEvent(declared)
    ? `${declared.name}-detail.json`
    : `${declared.name}-callback.json`;
}

export function testPathOf(declared: EventKind | ServiceEvent): string {
  return projectPath('test', 'unit', 'events', 'kinds', `${declared.name}.test.ts`);
}

export function fixtureExists(declared: EventKind | ServiceEvent): boolean {
  return existsSync(projectPath('test', 'fixtures', fixtureNameOf(declared)));
}

/**
 * The detail of the documented example of what `declared` publishes, parsed as any JSON parser
 * would: a kind's fixture normalised and published, a service event's fixture as it is.
 */
export function documentedDetail(declared: PublishedEvent): Record<string, unknown> {
  if (isServiceEvent(declared)) return loadFixture(fixtureNameOf(declared));
  return detailOf(declared, declared.normalise(kindBody(declared)));
}

/** The kind's documented example without its placeholder `sign`/`t`, with `overrides` applied. */
export function kindBody(kind: EventKind, overrides: JsonObject = {}): JsonObject {
  return fixture(fixtureNameOf(kind), overrides);
}

/** The body without the named fields. */
export function without(body: JsonObject, ...names: string[]): JsonObject {
  return Object.fromEntries(Object.entries(body).filter(([name]) => !names.includes(name)));
}

/** Runs the normaliser and returns the error it threw. */
export function rejection(kind: EventKind, body: JsonObject): InvalidCallbackError {
  return errorThrownBy(() => kind.normalise(body), `expected ${kind.name} to reject the callback`);
}

/** Version 1 of a normalised record, as the outbox stores it. */
export function storedVersion(kind: EventKind, fields: JsonMap, version = 1): StoredRecord {
  return {
    ...kind.identify(fields),
    fields,
    version,
    contentHash: contentHash(fields),
    receivedAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-01T00:00:00.000Z',
  };
}

/** The event of version 1 of a normalised record. */
export function eventOf(kind: EventKind, fields: JsonMap): OutgoingEvent {
  return toOutgoingEvent(storedVersion(kind, fields), kind.keptWhenTruncated);
}

/** The detail subscribers receive, parsed as any JSON parser would. */
export function detailOf(kind: EventKind, fields: JsonMap): Record<string, unknown> {
  return JSON.parse(eventOf(kind, fields).detail) as Record<string, unknown>;
}
