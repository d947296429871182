import type * as EventBridgeSdk from '@aws-sdk/client-eventbridge';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PublishError } from '../errors';
import type { EventPublisher, RecordingEvent } from '../events/recording/event';

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

  async publish(event: RecordingEvent): Promise<void> {
    this.prepare();
    const { client, module } = await (this.sdk as Promise<LoadedSdk>);
    let answer;
    try {
      answer = await client.send(
        new module.PutEventsCommand({
          Entries: [
            {
              EventBusName: this.eventBusName,
              Source: event.source,
              DetailType: event.detailType,
              Detail: JSON.stringify(event.detail),
            },
          ],
        }),
      );
    } catch (error) {
      throw new PublishError(`PutEvents to ${this.eventBusName} failed`, { cause: error });
    }
    // PutEvents answers 200 even when it rejects entries: a failed entry is a failed publish.
    if ((answer.FailedEntryCount ?? 0) > 0) {
      const entry = answer.Entries?.[0];
      throw new PublishError(
        `PutEvents to ${this.eventBusName} rejected the event: ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`.trim(),
      );
    }
  }
}
