import {
  createAwsJsonClient,
  type AwsJsonClient,
  type AwsJsonClientOptions,
  type AwsJsonService,
} from './aws-json-client';

/*
 * PutEvents over the shared AWS JSON request path instead of the SDK's EventBridge client, which
 * profiled at about 14% of the callback's cold start for what is one signed JSON POST.
 */

export const EVENTBRIDGE: AwsJsonService = {
  signingName: 'events',
  endpointPrefix: 'events',
  endpointVariable: 'EVENTBRIDGE',
  targetPrefix: 'AWSEvents',
  jsonVersion: '1.1',
};

/** PutEvents takes at most 10 entries a call. */
export const PUT_EVENTS_MAX_ENTRIES = 10;

/**
 * Two attempts of at most 2.5 s: a hung bus must not push the callback's answer past Tencent's
 * 20 s. Not shorter: PutEvents has no idempotency key, so an attempt that times out after the
 * bus took the event is sent again and the event lands twice. 2.5 s is far beyond PutEvents'
 * normal latency.
 */
export const EVENTBRIDGE_BUDGET = {
  maxAttempts: 2,
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 2500,
} as const;

/** A client for the bus, with the budget above unless told otherwise. */
export function createEventBridgeJsonClient(options: AwsJsonClientOptions = {}): AwsJsonClient {
  return createAwsJsonClient(EVENTBRIDGE, { ...EVENTBRIDGE_BUDGET, ...options });
}

export interface PutEventsEntry {
  /** The bus's name or ARN. */
  EventBusName: string;
  Source: string;
  DetailType: string;
  /** The event's `detail`, as a JSON object serialised. */
  Detail: string;
  Resources?: string[];
  /** The event's time; EventBridge uses the time it received it when absent. */
  Time?: Date;
  TraceHeader?: string;
}

/** What became of one entry, in the order of the entries sent. */
export type PutEventsResult =
  { ok: true; eventId: string } | { ok: false; code: string; message: string };

interface PutEventsAnswer {
  FailedEntryCount?: number;
  Entries?: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[];
}

/**
 * Sends up to 10 events in one PutEvents and says what became of each. EventBridge answers 200
 * even when it refuses entries (`FailedEntryCount` > 0): such an entry comes back as
 * `{ ok: false, code }`, never as a success. A failure of the whole request (the bus refused the
 * call, timed out, was unreachable) throws the client's `AwsJsonError`; after a timeout, some
 * entries may have landed nonetheless.
 *
 * @example
 * const [result] = await putEvents(client, [
 *   { EventBusName: 'my-bus', Source: 'tencentcloud.css', DetailType: 'Recording File Created', Detail: '{}' },
 * ]);
 * if (!result?.ok) throw new Error(`not published: ${result?.code}`);
 */
export async function putEvents(
  client: AwsJsonClient,
  entries: readonly PutEventsEntry[],
): Promise<PutEventsResult[]> {
  if (entries.length === 0 || entries.length > PUT_EVENTS_MAX_ENTRIES) {
    throw new RangeError(
      `putEvents sends 1 to ${PUT_EVENTS_MAX_ENTRIES} entries a call, not ${entries.length}`,
    );
  }
  const answer = await client.call<PutEventsAnswer>('PutEvents', {
    // The JSON protocol's timestamps are epoch seconds.
    Entries: entries.map(({ Time, ...entry }) => ({
      ...entry,
      ...(Time && { Time: Time.getTime() / 1000 }),
    })),
  });
  return entries.map((_entry, index): PutEventsResult => {
    const result = answer.Entries?.[index];
    if (result?.EventId && !result.ErrorCode) return { ok: true, eventId: result.EventId };
    return {
      ok: false,
      code: result?.ErrorCode ?? 'MissingResult',
      message: result?.ErrorMessage ?? 'PutEvents answered with no result for this entry',
    };
  });
}
