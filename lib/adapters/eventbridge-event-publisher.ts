import type * as EventBridgeSdk from '@aws-sdk/client-eventbridge';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PublishError } from '../errors';
import type { EventPublisher, RecordingEvent } from '../recording-event';

/**
 * Two attempts of at most 1.5 s: a hung bus must not push the answer past Tencent's 20 s.
 * Takes the class so callers that load the SDK lazily can still share these settings.
 */
export function createEventBridgeClient(Client: typeof EventBridgeClient): EventBridgeClient {
  return new Client({
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 1500, throwOnRequestTimeout: true },
  });
}

/**
 * Publishes to the service's bus. The SDK client is loaded on first use, not at start-up: a cold
 * start begins loading it while the table write is in flight (`prepare`), so it costs nothing on
 * callbacks that publish nothing and overlaps the network wait on those that do.
 */
export class EventBridgeEventPublisher implements EventPublisher {
  private sdk?: Promise<{
    client: EventBridgeClient;
    module: typeof EventBridgeSdk;
  }>;

  constructor(
    private readonly eventBusName: string,
    private readonly createClient?: () => EventBridgeClient,
  ) {}

  prepare(): void {
    this.sdk ??= import('@aws-sdk/client-eventbridge').then((module) => ({
      module,
      client: this.createClient?.() ?? createEventBridgeClient(module.EventBridgeClient),
    }));
  }

  async publish(event: RecordingEvent): Promise<void> {
    this.prepare();
    const { client, module } = await (this.sdk as NonNullable<typeof this.sdk>);
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
