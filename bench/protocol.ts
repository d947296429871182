/** Messages between bench/commands/bench.ts and the processes it starts (over Node's IPC channel). */

/** The endpoints bench/processes/servers.ts serves (see there). */
export type EndpointName = 'dynamodb' | 'instant' | 'events' | 'ssm' | 'impostor';

/** bench/processes/servers.ts's one argument, as JSON. */
export interface ServersJob {
  tableName: string;
  eventsTableName: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The trusted chain (leaf + intermediate) and its key, and the root the clients trust. */
  key: string;
  cert: string;
  caPem: string;
  /** A chain for the same address from a root nobody trusts. */
  impostor: { key: string; cert: string };
  /** The SSM parameter holding the callback key, as deployed. */
  parameter: { name: string; value: string };
}

/** What one endpoint served: requests by operation (`X-Amz-Target`), the time spent on them. */
export interface EndpointCounters {
  requests: number;
  ms: number;
  operations: Record<string, number>;
  /** Handshakes a client aborted (a client that refuses the certificate). */
  tlsFailures: number;
  /** Instant DynamoDB: bytes of the items put, as DynamoDB counts them. */
  itemBytes?: number;
  /** EventBridge: entries accepted, and their bytes as EventBridge counts them. */
  entries?: number;
  entryBytes?: number;
}

export type Counters = Record<EndpointName, EndpointCounters>;

export type ServersRequest =
  | { type: 'counters' }
  | { type: 'stats' }
  /** Store `count` recordings as a callback that stopped between its two writes leaves them. */
  | { type: 'seed'; count: number; streamPrefix: string };

export type ServersMessage =
  | { type: 'ready'; endpoints: Record<EndpointName, string> }
  | { type: 'counters'; counters: Counters; events: number }
  /** As `counters`, with the items in the recordings table. */
  | { type: 'stats'; counters: Counters; events: number; items: number }
  | { type: 'seeded' }
  | { type: 'failed'; message: string };

/** What bench/processes/warm-child.ts is asked to do (its one argument, as JSON). */
export interface WarmJob {
  /** The extracted handler module and its export, e.g. `handlers/callback.js` and `handler`. */
  handlerPath: string;
  exportName: string;
  /** The documented example without `sign`/`t`; each callback gets its own stream id and signature. */
  payload: Record<string, unknown>;
  /** The key the callbacks are signed with (the function reads it from SSM). */
  key: string;
  streamPrefix: string;
  warmup: number;
  callbacks: number;
}

/**
 * bench/processes/warm-child.ts: `warmed` after the warm-up, then it waits for `{ type: 'go' }` (the parent
 * reads the endpoints' counters in between); `done` or `failed` at the end.
 */
export type WarmReport =
  | { type: 'warmed' }
  | { type: 'done'; latenciesMs: number[]; totalMs: number }
  | { type: 'failed'; message: string };
