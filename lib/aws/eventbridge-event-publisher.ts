import type * as EventBridgeSdk from '@aws-sdk/client-eventbridge';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PublishError } from '../errors';
import type { OutgoingEvent } from '../outbox/event';
import { Refusal, type EntryResult, type EventPublisher } from '../outbox/event-publisher';

/**
 * Two attempts of at most 2.5 s: a hung bus must not push the answer past Tencent's 20 s. Not
 * shorter: PutEvents has no idempotency key, so an attempt that times out after the bus took the
 * event is sent again and the event lands twice. 2.5 s is far beyond PutEvents' normal latency.
 * Takes the class so callers that load the SDK lazily can still share these settings.
 */
export function createEventBridgeClient(Client: typeof EventBridgeClient): EventBridgeClient {
  return new Client({
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2500, throwOnRequestTimeout: true },
  });
}

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

interface LoadedSdk {
  client: EventBridgeClient;
  module: typeof EventBridgeSdk;
}

/**
 * Publishes to the service's bus. The SDK client is loaded on first use, not at start-up: it
 * costs nothing on rejected callbacks, and on a cold start that stores one it loads while the
 * table write is in flight (`prepare`).
 */
export class EventBridgeEventPublisher implements EventPublisher {
  private sdk?: Promise<LoadedSdk>;

  constructor(
    private readonly eventBusName: string,
    private readonly createClient?: () => EventBridgeClient,
  ) {}

  /**
   * Loads the client on the next turn of the event loop (`setImmediate`), not in this one: by
   * then the table write has gone out on its socket, so the client's start-up (several ms of CPU)
   * runs while DynamoDB works, instead of before the write is even sent.
   */
  prepare(): void {
    this.sdk ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.load());
  }

  private async load(): Promise<LoadedSdk> {
    const module = await import('@aws-sdk/client-eventbridge');
    return {
      module,
      client: this.createClient?.() ?? createEventBridgeClient(module.EventBridgeClient),
    };
  }

  async publish(events: readonly OutgoingEvent[]): Promise<EntryResult[]> {
    if (events.length === 0) return [];
    this.prepare();
    const sdk = await (this.sdk as Promise<LoadedSdk>);
    try {
      return await this.send(sdk, events);
    } catch (error) {
      // A request refused as a whole for its content (an entry EventBridge will not take): send
      // each entry alone, so one bad entry is told from the others.
      if (events.length > 1 && isValidationError(error)) {
        return (await Promise.all(events.map((event) => this.sendAlone(sdk, event)))).flat();
      }
      if (isValidationError(error)) return [refused(error)];
      throw new PublishError(`PutEvents to ${this.eventBusName} failed`, { cause: error });
    }
  }

  private async sendAlone(sdk: LoadedSdk, event: OutgoingEvent): Promise<EntryResult[]> {
    try {
      return await this.send(sdk, [event]);
    } catch (error) {
      if (isValidationError(error)) return [refused(error)];
      throw new PublishError(`PutEvents to ${this.eventBusName} failed`, { cause: error });
    }
  }

  private async send(
    { client, module }: LoadedSdk,
    events: readonly OutgoingEvent[],
  ): Promise<EntryResult[]> {
    const answer = await client.send(
      new module.PutEventsCommand({
        Entries: events.map((event) => ({
          EventBusName: this.eventBusName,
          Source: event.source,
          DetailType: event.detailType,
          Detail: event.detail,
        })),
      }),
    );
    // PutEvents answers 200 even when it refuses entries: each entry's result is read.
    const failures = answer.FailedEntryCount ?? 0;
    return events.map((_event, index): EntryResult => {
      const entry = answer.Entries?.[index];
      const accepted = failures === 0 || entry?.EventId !== undefined;
      if (entry?.ErrorCode === undefined && accepted) return { ok: true };
      const code = entry?.ErrorCode ?? 'InternalFailure';
      return {
        ok: false,
        error: `${code}: ${entry?.ErrorMessage ?? 'no result for this entry'}`,
        refusal: refusalOf(code),
      };
    });
  }
}

function isValidationError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ValidationException';
}

function refused(error: Error): EntryResult {
  return { ok: false, error: `${error.name}: ${error.message}`, refusal: Refusal.permanent };
}
