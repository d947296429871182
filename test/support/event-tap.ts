import { connect } from 'mqtt';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PutEventsEntry } from './local-eventbridge';

export interface EventTap {
  /** Every PutEvents entry the local EventBridge received, as sent. */
  entries: PutEventsEntry[];
  /** Resolves with the first entry `match` accepts, waiting for it if needed. */
  waitFor(match: (entry: PutEventsEntry) => boolean, timeoutMs?: number): Promise<PutEventsEntry>;
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
export async function tapEventBridge(mqttPort: number): Promise<EventTap> {
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

  return {
    entries,
    waitFor: async (match, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const entry = entries.find(match);
        if (entry) return entry;
        if (Date.now() > deadline)
          throw new Error(`no matching PutEvents entry in ${timeoutMs} ms`);
        await sleep(50);
      }
    },
    close: () => new Promise<void>((resolve) => client.end(true, {}, () => resolve())),
  };
}
