import {
  EventBridgeServiceException,
  PutEventsCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { PublishError } from '../errors';
import type { OutgoingEvent } from '../outbox/event';
import { Refusal, type EntryResult, type EventPublisher } from '../outbox/event-publisher';
import { createEventBridgeClient } from './clients';

/**
 * How EventBridge's entry error codes are handled. AWS lists `InternalFailure` and
 * `ThrottlingException` as retryable; an unknown code is treated as retryable too (the retry
 * policy parks it in the end). Permission errors are the deployment's, not the entry's.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html
 */
const PERMANENT_CODES = new Set([
  'InvalidArgument',
  'MalformedDetail',
  'RedactionFailure',
  'ValidationException',
]);
const NOT_ALLOWED_CODES = new Set([
  'AccessDeniedException',
  'InvalidAccountIdException',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
]);

export function refusalOf(code: string): Refusal {
  if (PERMANENT_CODES.has(code)) return Refusal.permanent;
  if (NOT_ALLOWED_CODES.has(code)) return Refusal.notAllowed;
  return Refusal.retryable;
}

/**
 * Publishes to the service's bus, reading each entry's result: PutEvents answers 200 even when it
 * refuses entries (`FailedEntryCount` > 0), and such an entry is a refusal, never a success.
 */
export class EventBridgeEventPublisher implements EventPublisher {
  constructor(
    private readonly eventBusName: string,
    private readonly client: EventBridgeClient = createEventBridgeClient(),
  ) {}

  async publish(events: readonly OutgoingEvent[]): Promise<EntryResult[]> {
    if (events.length === 0) return [];
    try {
      return await this.send(events);
    } catch (error) {
      // A request refused as a whole for its content (an entry EventBridge will not take): send
      // each entry alone, so one bad entry is told from the others.
      if (!isValidationError(error)) throw this.unavailable(error);
      if (events.length === 1) return [refused(error)];
      return (await Promise.all(events.map((event) => this.sendAlone(event)))).flat();
    }
  }

  private async sendAlone(event: OutgoingEvent): Promise<EntryResult[]> {
    try {
      return await this.send([event]);
    } catch (error) {
      if (isValidationError(error)) return [refused(error)];
      throw this.unavailable(error);
    }
  }

  private async send(events: readonly OutgoingEvent[]): Promise<EntryResult[]> {
    const { Entries = [] } = await this.client.send(
      new PutEventsCommand({
        Entries: events.map((event) => ({
          EventBusName: this.eventBusName,
          Source: event.source,
          DetailType: event.detailType,
          Detail: event.detail,
        })),
      }),
    );
    return events.map((_event, index): EntryResult => {
      const entry = Entries[index];
      if (entry?.EventId && !entry.ErrorCode) return { ok: true };
      const code = entry?.ErrorCode ?? 'MissingResult';
      return {
        ok: false,
        error: `${code}: ${entry?.ErrorMessage ?? 'PutEvents answered with no result for this entry'}`,
        refusal: refusalOf(code),
      };
    });
  }

  private unavailable(error: unknown): PublishError {
    return new PublishError(`PutEvents to ${this.eventBusName} failed`, { cause: error });
  }
}

/** The request refused for its content; the SDK has no class of its own for this code. */
function isValidationError(error: unknown): error is EventBridgeServiceException {
  return error instanceof EventBridgeServiceException && error.name === 'ValidationException';
}

function refused(error: EventBridgeServiceException): EntryResult {
  return { ok: false, error: `${error.name}: ${error.message}`, refusal: Refusal.permanent };
}
