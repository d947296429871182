import type { OutgoingEvent } from './event';
import { MAX_ENTRY_BYTES } from './event';

/** PutEvents takes at most 10 entries, of at most 256 KB together. */
export const MAX_EVENTS_PER_REQUEST = 10;
export const MAX_REQUEST_BYTES = MAX_ENTRY_BYTES;

/** Why the bus refused one entry, as far as what to do next goes. */
export const Refusal = {
  /** A passing failure of this entry (`InternalFailure`, `ThrottlingException`): retry later. */
  retryable: 'retryable',
  /** Retrying the same entry can never succeed (`MalformedDetail`, `InvalidArgument`). */
  permanent: 'permanent',
  /**
   * The bus does not let this service publish (`AccessDeniedException`, `NotAuthorized...`): a
   * deployment problem, not the entry's. Treated like an unavailable bus: the record stays
   * pending, unharmed, and goes out once the permission is fixed.
   */
  notAllowed: 'not-allowed',
} as const;
export type Refusal = (typeof Refusal)[keyof typeof Refusal];

/** What the bus said of one entry of a request it answered. */
export type EntryResult =
  | { ok: true }
  | {
      ok: false;
      /** `InternalFailure: ...`: the bus's code and message, for the item and the log. */
      error: string;
      refusal: Refusal;
    };

/**
 * Sends events to the service's bus. Throws a `PublishError` when the request as a whole failed
 * (the bus unreachable, throttled, 5xx, a timeout): nothing is known of any entry then, and the
 * caller retries later. Otherwise resolves with one result per event, in order: a bus that
 * answers 200 can still refuse some entries.
 */
export interface EventPublisher {
  /** At most {@link MAX_EVENTS_PER_REQUEST} events of at most {@link MAX_REQUEST_BYTES} together. */
  publish(events: readonly OutgoingEvent[]): Promise<EntryResult[]>;
  /** Optional: start loading the client now, while other I/O is in flight. */
  prepare?(): void;
}

/** Groups events, in order, into requests PutEvents accepts (each event fits by construction). */
export function inRequests<T extends { event: OutgoingEvent }>(items: readonly T[]): T[][] {
  const requests: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const full = current.length === MAX_EVENTS_PER_REQUEST;
    if (current.length > 0 && (full || bytes + item.event.size >= MAX_REQUEST_BYTES)) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.event.size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}
