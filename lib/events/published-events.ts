import type { AnyKind } from './define-kind';
import type { ServiceEvent } from './define-service-event';
import { KINDS } from './registry';
import { SERVICE_EVENTS } from './service-events';

/** The declaration of one detail-type the service publishes: a callback's kind, or a service event. */
export type PublishedEvent = AnyKind | ServiceEvent;

/**
 * Every detail-type the service publishes on its bus: the callbacks' kinds, then the events it
 * publishes of its own accord. The details' types (`DetailsByType`), their JSON Schemas
 * (`./schema/`), the files under `schemas/` and the stack's schema registry are read from this
 * list; no function needs it (the callback routes by `KINDS` alone).
 */
export const PUBLISHED_EVENTS = [
  ...KINDS,
  ...SERVICE_EVENTS,
] as const satisfies readonly PublishedEvent[];
