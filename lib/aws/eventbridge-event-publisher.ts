import { PublishError } from '../errors';
import type { OutgoingEvent } from '../outbox/event';
import { Refusal, type EntryResult, type EventPublisher } from '../outbox/event-publisher';
import type { AwsJsonClient } from './aws-json-client';
import { AwsJsonError } from './aws-json-error';
import { createEventBridgeJsonClient, putEvents } from './eventbridge-put-events';

/*
 * PutEvents over the shared AWS JSON request path (eventbridge-put-events.ts), not the SDK's
 * EventBridge client: that client profiled at 14% of the callback's cold start, for one signed
 * JSON POST. Measured on the packaged callback against bench/reference-handler.ts in the same
 * rounds: code 324,929 -> 264,473 bytes and cold start 1.10x -> 1.03x the reference with this
 * alone; 0.66x with the table's client replaced too (dynamodb-record-store.ts).
 */

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

/** Publishes to the service's bus, reading each entry's result. */
export class EventBridgeEventPublisher implements EventPublisher {
  constructor(
    private readonly eventBusName: string,
    private readonly client: AwsJsonClient = createEventBridgeJsonClient(),
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
    const results = await putEvents(
      this.client,
      events.map((event) => ({
        EventBusName: this.eventBusName,
        Source: event.source,
        DetailType: event.detailType,
        Detail: event.detail,
      })),
    );
    return results.map((result): EntryResult => {
      if (result.ok) return { ok: true };
      return {
        ok: false,
        error: `${result.code}: ${result.message}`,
        refusal: refusalOf(result.code),
      };
    });
  }

  private unavailable(error: unknown): PublishError {
    return new PublishError(`PutEvents to ${this.eventBusName} failed`, { cause: error });
  }
}

function isValidationError(error: unknown): error is AwsJsonError {
  return error instanceof AwsJsonError && error.code === 'ValidationException';
}

function refused(error: AwsJsonError): EntryResult {
  return { ok: false, error: `${error.code}: ${error.message}`, refusal: Refusal.permanent };
}
