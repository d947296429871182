import { connect } from 'mqtt';
import { randomUUID } from 'node:crypto';
import type { PutEventsEntry } from '../../fakes/eventbridge';
import { waitUntil } from './wait';

/** The source of the marker entries {@link EventTap.settle} sends: no subscriber's pattern names it. */
export const TAP_MARKER_SOURCE = 'test.event-tap';

export interface EventTap {
  /** Every PutEvents entry the local EventBridge received, as sent. */
  entries: PutEventsEntry[];
  /** Resolves with the first entry `match` accepts, waiting for it if needed. */
  waitFor(match: (entry: PutEventsEntry) => boolean, timeoutMs?: number): Promise<PutEventsEntry>;
  /**
   * Resolves once `entries` holds every entry the local EventBridge received before this call,
   * not just those that have arrived so far: the tap sends a marker entry of its own and waits for
   * it, and the plugin hands entries on in the order it received them. What a test then finds
   * missing or duplicated is missing or duplicated, however slow the machine.
   */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Sees every PutEvents entry the local EventBridge (serverless-offline-aws-eventbridge) receives,
 * exactly as the publisher sent it: the plugin hands each request's `Entries` to its subscribers
 * through its MQTT broker, topic `eventBridge`, and this tap subscribes there too.
 *
 * Why: the plugin's own matching is loose (the bus name is a substring test, an entry without a
 * bus reaches every subscriber), so a delivered event proves little about the bus name and the
 * pattern. A test reads the entries here and checks them itself.
 */
export async function tapEventBridge(mqttPort: number, putEventsUrl: string): Promise<EventTap> {
  const client = connect(`mqtt://127.0.0.1:${mqttPort}`, {
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  });
  const entries: PutEventsEntry[] = [];
  client.on('message', (_topic, message) => {
    entries.push(...(JSON.parse(message.toString('utf8')) as PutEventsEntry[]));
  });
  await new Promise<void>((resolve, reject) => {
    client.once('error', reject);
    client.once('close', () => reject(new Error(`no MQTT broker answers on port ${mqttPort}`)));
    client.once('connect', () =>
      client.subscribe('eventBridge', (error) => (error ? reject(error) : resolve())),
    );
  });

  const waitFor = async (match: (entry: PutEventsEntry) => boolean, timeoutMs = 30_000) => {
    const found = () => entries.find(match);
    if (!(await waitUntil(() => found() !== undefined, timeoutMs))) {
      throw new Error(`no matching PutEvents entry in ${timeoutMs} ms`);
    }
    return found() as PutEventsEntry;
  };

  return {
    entries,
    waitFor,
    settle: async (timeoutMs = 60_000) => {
      const detail = JSON.stringify({ marker: randomUUID() });
      const answer = await fetch(putEventsUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSEvents.PutEvents',
        },
        body: JSON.stringify({
          Entries: [{ Source: TAP_MARKER_SOURCE, DetailType: 'Tap Marker', Detail: detail }],
        }),
      });
      if (!answer.ok) throw new Error(`the local EventBridge answered ${answer.status}`);
      await waitFor(
        (entry) => entry.Source === TAP_MARKER_SOURCE && entry.Detail === detail,
        timeoutMs,
      );
    },
    close: () => new Promise<void>((resolve) => client.end(true, {}, () => resolve())),
  };
}
