import { PublishError } from '../errors';
import type { Log } from '../log';
import { recordingId } from '../events/recording/types';
import type { EventPublisher } from '../events/recording/event';
import { toRecordingEvent } from '../events/recording/event';
import type { RecordingStore, StoredRecording } from './record-store';

export interface PublishDeps {
  store: RecordingStore;
  publisher: EventPublisher;
  log: Log;
}

/**
 * Publishes a version the caller has claimed, then records that it is out. Returns whether the
 * event is on the bus. A refused publish leaves the record pending (and releases the claim) for
 * the next redelivery or republisher run: it never fails the caller.
 */
export async function publishClaimed(
  { store, publisher, log }: PublishDeps,
  stored: StoredRecording,
  now: () => Date,
): Promise<boolean> {
  const key = stored.recording;
  try {
    await publisher.publish(toRecordingEvent(stored));
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    log.warn('event not published; the record stays pending for a redelivery or the republisher', {
      id: recordingId(key),
      version: stored.version,
      error,
    });
    await store.releaseClaim(key, stored.version).catch((releaseError: unknown) => {
      // The claim expires on its own; releasing it only lets the next attempt come sooner.
      log.warn('could not release the publish claim', { error: releaseError });
    });
    return false;
  }

  try {
    const marked = await store.markPublished(key, stored.version, now().toISOString());
    if (!marked)
      log.info('a newer version replaced this one while it was published', {
        version: stored.version,
      });
  } catch (error) {
    // The event is out. Left pending, it is published once more later: a duplicate consumers
    // drop by id + version, which is better than an event that never comes.
    log.error('event published, but marking the record published failed', { error });
  }
  return true;
}
