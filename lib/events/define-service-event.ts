import type * as v from 'valibot';
import type { EventKind } from './kind';

/*
 * An event the service publishes of its own accord, rather than for a callback Tencent sent: the
 * archive's `Recording File Archived` announces an update of a recording's item, made by the
 * service. A subscriber sees it as it sees every kind (a detail-type of `tencentcloud.css`, a
 * detail with `id` and `version`, a TypeScript type, a JSON Schema, a schema in the registry, a
 * section in docs/events.md), so it is declared as a kind is, in its file in `./kinds/`: its
 * detail-type and its fields, each a schema and a TSDoc comment, from which its type
 * (`DetailOf`, `./detail.ts`) and its JSON Schema (`./schema/`) are read.
 *
 * It is not a kind (`defineKind`): a kind is a callback, routed by `event_type`, validated and
 * normalised from Tencent's body (fields Tencent adds kept as sent), stored as its own record,
 * keyed, truncated when too large. None of that applies here, and declaring it as a kind would
 * need an `event_type` no callback has, a normaliser never run and a table it is not kept in.
 * So service events have their own list (`SERVICE_EVENTS`, `./service-events.ts`), outside the
 * registry: no `event_type` routes to one, and the callback, which loads the registry, bundles
 * none of them. The schemas, the docs and the schema registry read both lists
 * (`PUBLISHED_EVENTS`, `./published-events.ts`).
 */

/**
 * The fields of a service event's detail. Every event on the bus has `id` and `version`, which
 * subscribers deduplicate on; a service event declares what they are (for the archive, the
 * recording's own), with the rest of its fields.
 */
export type ServiceEventFields = v.ObjectEntries & {
  readonly id: v.GenericSchema<unknown, string>;
  readonly version: v.GenericSchema<unknown, number>;
};

export interface ServiceEventSpec<
  DT extends string = string,
  F extends ServiceEventFields = ServiceEventFields,
> {
  /** `recording-archived`, ...: the name of its file and of its fixture. */
  readonly name: string;
  readonly detailType: DT;
  /**
   * The detail's fields, each a schema (`./fields.ts`) whose output is the field's type, and a
   * TSDoc comment saying what it means (the JSON Schema's description); required unless the
   * schema is optional. Declarations only: the service builds the detail, typed by them, and
   * nothing validates it at run time.
   */
  readonly fields: () => F;
}

/** An event the service publishes of its own accord, as {@link defineServiceEvent} made it. */
export interface ServiceEvent<
  DT extends string = string,
  F extends ServiceEventFields = ServiceEventFields,
> {
  /** Tells a service event from a callback's kind wherever both are listed. */
  readonly origin: 'service';
  readonly name: string;
  readonly detailType: DT;
  /** The event as its file declares it: what its type and JSON Schema are read from. */
  readonly definition: ServiceEventSpec<DT, F>;
}

/** The service event declared by `spec`. */
export function defineServiceEvent<const DT extends string, F extends ServiceEventFields>(
  spec: ServiceEventSpec<DT, F>,
): ServiceEvent<DT, F> {
  return { origin: 'service', name: spec.name, detailType: spec.detailType, definition: spec };
}

export function isServiceEvent(declared: EventKind | ServiceEvent): declared is ServiceEvent {
  return 'origin' in declared && declared.origin === 'service';
}
