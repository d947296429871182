import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { close, createFakeServer, listen, readBody, type FakeTls } from './http';

/** How the local bus answers PutEvents: as AWS does, or failing in one of the ways AWS can. */
export type BusBehaviour = 'accept' | 'error' | 'reject-entries' | 'hang' | 'hold';

export interface PutEventsEntry {
  EventBusName?: string;
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  /** Epoch seconds, as the JSON protocol sends timestamps. */
  Time?: number;
}

/** What the bus says of one entry it refuses (an entry-level error in a 200 answer). */
export interface EntryRefusal {
  ErrorCode: string;
  ErrorMessage: string;
}

export interface LocalEventBridge {
  endpoint: string;
  /** Entries the bus accepted, in order. */
  accepted: PutEventsEntry[];
  /** Every PutEvents call received, accepted or not. */
  calls: number;
  /** How many entries each call carried, in order. */
  entriesPerCall: number[];
  behaviour: BusBehaviour;
  /**
   * While `behaviour` is `accept`: refuses the entries it returns a refusal for, as EventBridge
   * does (200, `FailedEntryCount`), and accepts the others.
   */
  refuseEntry?: (entry: PutEventsEntry, index: number) => EntryRefusal | undefined;
  /**
   * While `behaviour` is `accept`: a request holding an entry this matches is refused as a whole
   * with a 400 `ValidationException`, as EventBridge refuses an entry it cannot take at all.
   */
  invalidEntry?: (entry: PutEventsEntry) => boolean;
  /**
   * While `behaviour` is `hold`: the answers accepted and not yet sent. `release()` sends them:
   * a test makes a slow bus without choosing how slow, and so without racing the client's timer.
   */
  held: number;
  release(): void;
  /** Called with the entries of each call the bus accepts, as it accepts them (a counter's hook). */
  onAccepted?: (entries: readonly PutEventsEntry[]) => void;
  /** The server, for a caller that counts or observes its requests. */
  server: Server;
  stop(): Promise<void>;
}

/**
 * A real HTTP server speaking EventBridge's PutEvents (AWS JSON 1.1), so the SDK client, its
 * timeouts and retries run for real. `behaviour` switches it between accepting and failing;
 * nothing in it depends on time.
 */
export async function startLocalEventBridge(
  options: { tls?: FakeTls } = {},
): Promise<LocalEventBridge> {
  const waiting: (() => void)[] = [];
  const bus: Omit<LocalEventBridge, 'endpoint' | 'server' | 'stop'> = {
    accepted: [],
    calls: 0,
    entriesPerCall: [],
    behaviour: 'accept',
    get held() {
      return waiting.length;
    },
    release: () => waiting.splice(0).forEach((answer) => answer()),
  };
  const server = createFakeServer((request, response) => {
    void readJson(request).then((body) => answer(bus, waiting, request, response, body));
  }, options.tls);
  const endpoint = await listen(server);
  return Object.assign(bus, { endpoint, server, stop: () => close(server) });
}

function answer(
  bus: Omit<LocalEventBridge, 'endpoint' | 'server' | 'stop'>,
  waiting: (() => void)[],
  request: IncomingMessage,
  response: ServerResponse,
  body: { Entries?: PutEventsEntry[] },
): void {
  const send = (status: number, payload: object) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify(payload));
  };
  if (request.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
    send(400, { __type: 'UnknownOperationException', message: 'only PutEvents is served here' });
    return;
  }
  bus.calls++;
  const entries = body.Entries ?? [];
  bus.entriesPerCall.push(entries.length);
  const accept = (accepted: PutEventsEntry[]) =>
    send(200, { FailedEntryCount: 0, Entries: accepted.map(() => ({ EventId: randomUUID() })) });
  const keep = (accepted: PutEventsEntry[]) => {
    bus.accepted.push(...accepted);
    bus.onAccepted?.(accepted);
  };
  switch (bus.behaviour) {
    case 'hang':
      return; // never answers: the client's timeout must fire
    case 'error':
      send(500, { __type: 'InternalException', message: 'injected failure' });
      return;
    case 'reject-entries':
      send(200, {
        FailedEntryCount: entries.length,
        Entries: entries.map(() => ({
          ErrorCode: 'InternalFailure',
          ErrorMessage: 'injected failure',
        })),
      });
      return;
    case 'hold':
      keep(entries);
      waiting.push(() => accept(entries));
      return;
    case 'accept': {
      if (entries.some((entry) => bus.invalidEntry?.(entry))) {
        send(400, { __type: 'ValidationException', message: 'injected: entry not valid' });
        return;
      }
      const results = entries.map((entry, index) => bus.refuseEntry?.(entry, index) ?? entry);
      const refused = results.filter((result) => 'ErrorCode' in result).length;
      keep(entries.filter((_entry, index) => !('ErrorCode' in results[index]!)));
      send(200, {
        FailedEntryCount: refused,
        Entries: results.map((result) =>
          'ErrorCode' in result ? result : { EventId: randomUUID() },
        ),
      });
    }
  }
}

async function readJson(request: IncomingMessage): Promise<{ Entries?: PutEventsEntry[] }> {
  return JSON.parse((await readBody(request)) || '{}') as { Entries?: PutEventsEntry[] };
}
