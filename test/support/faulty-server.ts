import { createServer } from 'node:http';
import { close, listen } from '../../fakes/http';

export interface FaultyServer {
  endpoint: string;
  requests: number;
  stop(): Promise<void>;
}

/**
 * An AWS endpoint that is up but broken: it answers every request with a 500 (`error`) or
 * accepts the connection and never answers (`hang`), as a service in an outage does.
 */
export async function startFaultyServer(mode: 'error' | 'hang'): Promise<FaultyServer> {
  const state = { requests: 0 };
  const server = createServer((request, response) => {
    state.requests++;
    request.resume();
    if (mode === 'hang') return;
    response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(
      JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
        message: 'injected',
      }),
    );
  });
  const endpoint = await listen(server);
  return Object.assign(state, { endpoint, stop: () => close(server) });
}
