/** Messages between bench/run.ts and the processes it starts (over Node's IPC channel). */

/** bench/servers.ts, once its endpoints listen and the table exists. */
export interface ServersReady {
  type: 'ready';
  dynamoDbEndpoint: string;
  eventBridgeEndpoint: string;
}

/** Requests an endpoint served, and the time it spent on them (arrival to end of answer). */
export interface EndpointLoad {
  requests: number;
  ms: number;
}

/** bench/servers.ts, answering `{ type: 'stats' }`: what the callbacks really wrote. */
export interface ServersStats {
  type: 'stats';
  /** Items in the recordings table. */
  items: number;
  /** PutEvents entries the bus accepted. */
  events: number;
  dynamoDb: EndpointLoad;
  eventBridge: EndpointLoad;
}

export type ServersMessage = ServersReady | ServersStats;

/** What bench/warm-child.ts is asked to do (its one argument, as JSON). */
export interface WarmJob {
  /** The extracted handler module and its export, e.g. `handlers/callback.js` and `handler`. */
  handlerPath: string;
  exportName: string;
  /** The documented example without `sign`/`t`; each callback gets its own stream id and signature. */
  payload: Record<string, unknown>;
  streamPrefix: string;
  warmup: number;
  callbacks: number;
}

/**
 * bench/warm-child.ts: `warmed` after the warm-up, then it waits for `{ type: 'go' }` (the parent
 * reads the endpoints' counters in between); `done` or `failed` at the end.
 */
export type WarmReport =
  | { type: 'warmed' }
  | { type: 'done'; latenciesMs: number[]; totalMs: number }
  | { type: 'failed'; message: string };
