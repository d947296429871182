import { PublishError } from '../errors';
import type { Log } from '../log';
import { toOutgoingEvent, type OutgoingEvent } from './event';
import { Refusal, type EntryResult, type EventPublisher } from './event-publisher';
import type { RecordStore } from './record-store';
import { afterRefusal } from './retry-policy';
import type { StoredRecord } from '../record/record';

export interface PublishDeps {
  store: RecordStore;
  publisher: EventPublisher;
  log: Log;
  /** The fields an event of this detail-type keeps when it must be truncated. */
  keptWhenTruncated(detailType: string): ReadonlySet<string>;
}

export const PublishOutcome = {
  /** On the bus, and marked so. */
  published: 'published',
  /** The bus refused this event; the republisher tries again after a backoff. */
  retryLater: 'retry-later',
  /** The bus refused it for good, or too often: out of line until a person puts it back. */
  parked: 'parked',
  /** The bus could not be reached: nothing is known; the record stays pending as it was. */
  unavailable: 'unavailable',
} as const;
export type PublishOutcome = (typeof PublishOutcome)[keyof typeof PublishOutcome];

/** A record and the event that announces it, measured and fitted to EventBridge's limit. */
export interface Publishable {
  stored: StoredRecord;
  event: OutgoingEvent;
}

export function toPublishable(deps: PublishDeps, stored: StoredRecord): Publishable {
  const event = toOutgoingEvent(stored, deps.keptWhenTruncated(stored.detailType));
  if (event.truncatedFields) {
    deps.log.warn('event too large for EventBridge: published without some fields', {
      ...describe(stored),
      truncatedFields: event.truncatedFields,
    });
  }
  return { stored, event };
}

/**
 * Publishes records the caller has claimed, in one PutEvents request, then records on each item
 * what became of it. The bus's failures never fail the caller: a record the bus did not take
 * stays pending (or is parked), for the next redelivery or republisher run.
 */
export async function publishClaimed(
  deps: PublishDeps,
  items: readonly Publishable[],
  now: () => Date,
): Promise<PublishOutcome[]> {
  const { store, publisher, log } = deps;
  const claimed = items.map(({ stored }) => stored);
  const events = items.map(({ event }) => event);

  let results: EntryResult[];
  try {
    results = await publisher.publish(events);
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    log.warn('events not published: the bus is unavailable; they stay pending', {
      ids: claimed.map(describe),
      error,
    });
    await Promise.all(claimed.map((stored) => releaseClaim(deps, stored, now)));
    return claimed.map(() => PublishOutcome.unavailable);
  }

  return Promise.all(
    claimed.map(async (stored, index) => {
      const result = results[index] ?? {
        ok: false,
        error: 'no result',
        refusal: Refusal.retryable,
      };
      if (result.ok) {
        await markPublished(deps, stored, now);
        return PublishOutcome.published;
      }
      if (result.refusal === Refusal.notAllowed) {
        log.error('the bus does not let this service publish; check its permissions', {
          ...describe(stored),
          error: result.error,
        });
        await releaseClaim(deps, stored, now);
        return PublishOutcome.unavailable;
      }
      const retryable = result.refusal === Refusal.retryable;
      const attempts = (stored.publishAttempts ?? 0) + 1;
      const failure = afterRefusal(attempts, { error: result.error, retryable }, now());
      const parked = failure.parked !== undefined;
      if (parked) {
        log.error('the bus refused the event; the record is parked until a person retries it', {
          ...describe(stored),
          ...failure,
        });
      } else {
        log.warn('the bus refused the event; the republisher tries again later', {
          ...describe(stored),
          ...failure,
        });
      }
      await store.recordFailure(stored.key, stored.version, failure).catch((error: unknown) => {
        // Left as it was (pending, claimed until the claim expires): tried again later.
        log.error('could not record the refusal on the record', { error });
      });
      return parked ? PublishOutcome.parked : PublishOutcome.retryLater;
    }),
  );
}

async function releaseClaim(
  { store, log }: PublishDeps,
  stored: StoredRecord,
  now: () => Date,
): Promise<void> {
  await store
    .releaseClaim(stored.key, stored.version, now().toISOString())
    .catch((error: unknown) => {
      // The claim expires on its own; releasing it only lets the next attempt come sooner.
      log.warn('could not release the publish claim', { error });
    });
}

async function markPublished(
  { store, log }: PublishDeps,
  stored: StoredRecord,
  now: () => Date,
): Promise<void> {
  try {
    const marked = await store.markPublished(stored.key, stored.version, now().toISOString());
    if (!marked) {
      log.info('a newer version replaced this one while it was published', describe(stored));
    }
  } catch (error) {
    // The event is out. Left pending, it is published once more later: a duplicate consumers
    // drop by id + version, which is better than an event that never comes.
    log.error('event published, but marking the record published failed', {
      ...describe(stored),
      error,
    });
  }
}

function describe(stored: StoredRecord): { id: string; version: number } {
  return { id: stored.id, version: stored.version };
}
