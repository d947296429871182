import type { ServiceEvent } from './define-service-event';
import { recordingArchivedEvent } from './kinds/recording-archived';

/**
 * Every event the service publishes of its own accord (see `./define-service-event.ts`): one line
 * per event, as `KINDS` has one per callback. Kept out of the registry (`./registry.ts`): no
 * `event_type` routes to one, and the callback, which loads the registry, bundles none of them.
 */
export const SERVICE_EVENTS = [recordingArchivedEvent] as const satisfies readonly ServiceEvent[];
