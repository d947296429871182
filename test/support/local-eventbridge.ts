import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen } from './servers';

/** How the local bus answers PutEvents: as AWS does, or failing in one of the ways AWS can. */
export type BusBehaviour = 'accept' | 'error' | 'reject-entries' | 'hang' | 'slow';

export interface PutEventsEntry {
  EventBusName?: string;
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  /** Epoch seconds, as the JSON protocol sends timestamps. */
  Time?: number;
}

/** How the bus refuses one entry while accepting the call (PutEvents' `FailedEntryCount`). */
export interface EntryFailure {
  ErrorCode: string;
  ErrorMessage: string;
}

export interface LocalEventBridge {
  endpoint: string;
  /** Entries the bus accepted, in order. */
  accepted: PutEventsEntry[];
  /** Every PutEvents call received, accepted or not. */
  calls: number;
  behaviour: BusBehaviour;
  /** How long `slow` takes to answer, after accepting the entries. */
  slowMs: number;
  /** While accepting: refuses the entries it returns a failure for, accepts the others. */
  failEntry?: (entry: PutEventsEntry, index: number) => EntryFailure | undefined;
  stop(): Promise<void>;
}

/**
 * A real HTTP server speaking EventBridge's PutEvents (AWS JSON 1.1), so the SDK client, its
 * timeouts and retries run for real. `behaviour` switches it between accepting and failing.
 */
export async function startLocalEventBridge(): Promise<LocalEventBridge> {
  const bus: Omit<LocalEventBridge, 'endpoint' | 'stop'> = {
    accepted: [],
    calls: 0,
    behaviour: 'accept',
    slowMs: 2000,
  };
  const server = createServer((request, response) => {
    void readJson(request).then((body) => answer(bus, request, response, body));
  });
  const endpoint = await listen(server);
  return Object.assign(bus, { endpoint, stop: () => close(server) });
}

function answer(
  bus: Omit<LocalEventBridge, 'endpoint' | 'stop'>,
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
  const accept = (accepted: PutEventsEntry[]) =>
    send(200, { FailedEntryCount: 0, Entries: accepted.map(() => ({ EventId: randomUUID() })) });
  const acceptSome = (failEntry: NonNullable<typeof bus.failEntry>) => {
    const results = entries.map((entry, index) => {
      const failure = failEntry(entry, index);
      if (failure) return failure;
      bus.accepted.push(entry);
      return { EventId: randomUUID() };
    });
    const failed = results.filter((result) => 'ErrorCode' in result).length;
    send(200, { FailedEntryCount: failed, Entries: results });
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
    case 'slow':
      bus.accepted.push(...entries);
      setTimeout(() => accept(entries), bus.slowMs);
      return;
    case 'accept':
      if (bus.failEntry) {
        acceptSome(bus.failEntry);
        return;
      }
      bus.accepted.push(...entries);
      accept(entries);
  }
}

async function readJson(request: IncomingMessage): Promise<{ Entries?: PutEventsEntry[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
    Entries?: PutEventsEntry[];
  };
}
