import { PublishError } from '../../lib/errors';
import type { OutgoingEvent } from '../../lib/outbox/event';
import {
  type EntryResult,
  type EventPublisher,
  type Refusal,
} from '../../lib/outbox/event-publisher';

/** How the fake bus answers one PutEvents request: a result per event, or a throw. */
export type BusAnswer = (events: readonly OutgoingEvent[]) => EntryResult[];

/** Takes every event. */
export const acceptEvery: BusAnswer = (events) => events.map(() => ({ ok: true }));

/** The request as a whole fails: nothing is known of any event. */
export const busUnavailable: BusAnswer = () => {
  throw new PublishError('the bus is unavailable (injected)');
};

/** Answers the request, refusing every event for `refusal`. */
export function refuseEvery(refusal: Refusal, error = 'InternalFailure: injected'): BusAnswer {
  return (events) => events.map(() => ({ ok: false, error, refusal }));
}

export interface FakeEventPublisher extends EventPublisher {
  prepare(): void;
  /** The events the bus took, in order. */
  readonly sent: OutgoingEvent[];
  /** What was called, in order (`prepare`, `publish`). */
  readonly calls: ('prepare' | 'publish')[];
  /** How the next requests are answered; change it between deliveries. */
  answer: BusAnswer;
}

/** An `EventPublisher` in memory that answers as told and records what it was given. */
export function fakeEventPublisher(answer: BusAnswer = acceptEvery): FakeEventPublisher {
  const publisher: FakeEventPublisher = {
    sent: [],
    calls: [],
    answer,
    prepare() {
      publisher.calls.push('prepare');
    },
    async publish(events) {
      publisher.calls.push('publish');
      const results = publisher.answer(events);
      publisher.sent.push(...events.filter((_event, index) => results[index]?.ok === true));
      return results;
    },
  };
  return publisher;
}
