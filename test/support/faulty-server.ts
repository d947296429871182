import { createServer, type ServerResponse } from 'node:http';
import { close, listen } from '../../fakes/http';
import { UNREACHABLE_ENDPOINT } from './ports';

export interface FaultyServer {
  endpoint: string;
  /** How many requests reached it. */
  requests: number;
  stop(): Promise<void>;
}

/** A server that answers every request alike: `status`, `headers` and `body`. */
export async function startServerAnswering(
  status: number,
  headers: Record<string, string>,
  body: string,
): Promise<FaultyServer> {
  return startServer((response) => {
    response.writeHead(status, headers);
    response.end(body);
  });
}

/**
 * An AWS endpoint in an outage: nothing listens there (`refuse`), it answers every request with a
 * 500 (`error`), or it accepts the connection and never answers (`hang`).
 */
export async function startFaultyServer(mode: 'refuse' | 'error' | 'hang'): Promise<FaultyServer> {
  switch (mode) {
    case 'refuse':
      return { endpoint: UNREACHABLE_ENDPOINT, requests: 0, stop: async () => undefined };
    case 'hang':
      return startServer(() => undefined);
    case 'error':
      return startServerAnswering(
        500,
        { 'content-type': 'application/x-amz-json-1.0' },
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
          message: 'injected',
        }),
      );
  }
}

async function startServer(answer: (response: ServerResponse) => void): Promise<FaultyServer> {
  const state = { requests: 0 };
  const server = createServer((request, response) => {
    state.requests++;
    request.resume();
    answer(response);
  });
  const endpoint = await listen(server);
  return Object.assign(state, { endpoint, stop: () => close(server) });
}
