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

/** An archive of a bus, as the local EventBridge holds it. */
export interface LocalArchive {
  name: string;
  retentionDays: number;
  state?: string;
}

/** A replay the local EventBridge was asked to start, as it was asked. */
export interface StartedReplay {
  ReplayName: string;
  Description?: string;
  EventSourceArn: string;
  EventStartTime: number;
  EventEndTime: number;
  Destination: { Arn: string; FilterArns?: string[] };
}

/**
 * EventBridge's archive and replay actions, with its error shapes (`ResourceNotFoundException`,
 * `ValidationException`, `ResourceAlreadyExistsException`). A replay moves one state each time it
 * is described (STARTING, RUNNING half way, then `replayEnd`), so a client's polling is followed
 * without any timing.
 */
export interface LocalEventBridgeControl {
  /** Buses by name; each has an ARN made from it. */
  buses: Set<string>;
  /** Archives by the name of their bus. */
  archives: Map<string, LocalArchive[]>;
  /** Rule names by the name of their bus. */
  rules: Map<string, string[]>;
  /** Every StartReplay received. */
  replays: StartedReplay[];
  /** How a replay ends: completed, or failed/cancelled with EventBridge's reason. */
  replayEnd: { state: 'COMPLETED' } | { state: 'FAILED' | 'CANCELLED'; reason: string };
  /** Control-plane requests received, by action (`DescribeRule`, ...). */
  calls: string[];
}

export const LOCAL_ACCOUNT = '123456789012';
export const busArnOf = (name: string) =>
  `arn:aws:events:us-east-1:${LOCAL_ACCOUNT}:event-bus/${name}`;
export const archiveArnOf = (name: string) =>
  `arn:aws:events:us-east-1:${LOCAL_ACCOUNT}:archive/${name}`;
export const ruleArnOf = (bus: string, name: string) =>
  `arn:aws:events:us-east-1:${LOCAL_ACCOUNT}:rule/${bus}/${name}`;

export interface LocalEventBridge {
  endpoint: string;
  control: LocalEventBridgeControl;
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
    control: {
      buses: new Set(),
      archives: new Map(),
      rules: new Map(),
      replays: [],
      replayEnd: { state: 'COMPLETED' },
      calls: [],
    },
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
  const target = String(request.headers['x-amz-target'] ?? '');
  if (target !== 'AWSEvents.PutEvents') {
    const action = target.replace(/^AWSEvents\./, '');
    const controlAction = CONTROL_ACTIONS[action];
    if (!controlAction) {
      send(400, { __type: 'UnknownOperationException', message: `${action} is not served here` });
      return;
    }
    bus.control.calls.push(action);
    const [status, payload] = controlAction(bus.control, body);
    send(status, payload);
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

type ControlAnswer = [number, object];
const notFound = (message: string): ControlAnswer => [
  400,
  { __type: 'ResourceNotFoundException', message },
];
const progress = new Map<string, number>();

/** The archive and replay actions, as EventBridge answers them (the fields a client reads). */
const CONTROL_ACTIONS: Record<
  string,
  (control: LocalEventBridgeControl, input: Record<string, unknown>) => ControlAnswer
> = {
  DescribeEventBus: (control, { Name }) =>
    control.buses.has(String(Name))
      ? [200, { Name, Arn: busArnOf(String(Name)) }]
      : notFound(`Event bus ${String(Name)} does not exist.`),
  ListArchives: (control, { EventSourceArn }) => [
    200,
    {
      Archives: [...control.archives.entries()]
        .filter(([busName]) => busArnOf(busName) === EventSourceArn)
        .flatMap(([busName, archives]) =>
          archives.map((archive) => ({
            ArchiveName: archive.name,
            EventSourceArn: busArnOf(busName),
            State: archive.state ?? 'ENABLED',
            RetentionDays: archive.retentionDays,
          })),
        ),
    },
  ],
  DescribeArchive: (control, { ArchiveName }) => {
    for (const [busName, archives] of control.archives) {
      const archive = archives.find((candidate) => candidate.name === ArchiveName);
      if (archive) {
        return [
          200,
          {
            ArchiveName,
            ArchiveArn: archiveArnOf(archive.name),
            EventSourceArn: busArnOf(busName),
            State: archive.state ?? 'ENABLED',
            RetentionDays: archive.retentionDays,
          },
        ];
      }
    }
    return notFound(`Archive ${String(ArchiveName)} does not exist.`);
  },
  DescribeRule: (control, { Name, EventBusName }) =>
    control.rules.get(String(EventBusName))?.includes(String(Name))
      ? [200, { Name, Arn: ruleArnOf(String(EventBusName), String(Name)), State: 'ENABLED' }]
      : notFound(`Rule ${String(Name)} does not exist on EventBus ${String(EventBusName)}.`),
  ListRules: (control, { EventBusName }) => [
    200,
    {
      Rules: (control.rules.get(String(EventBusName)) ?? []).map((name) => ({
        Name: name,
        Arn: ruleArnOf(String(EventBusName), name),
        State: 'ENABLED',
        EventPattern: '{"source":["tencentcloud.css"]}',
        EventBusName,
      })),
    },
  ],
  StartReplay: (control, input) => {
    const replay = input as unknown as StartedReplay;
    if (control.replays.some((started) => started.ReplayName === replay.ReplayName)) {
      return [
        400,
        { __type: 'ResourceAlreadyExistsException', message: `${replay.ReplayName} exists` },
      ];
    }
    if (!(replay.EventStartTime < replay.EventEndTime)) {
      return [
        400,
        {
          __type: 'ValidationException',
          message:
            'Parameter EventEndTime is not valid. Reason: EventEndTime must be after EventStartTime.',
        },
      ];
    }
    control.replays.push(replay);
    progress.set(replay.ReplayName, 0);
    return [
      200,
      {
        ReplayArn: `arn:aws:events:us-east-1:${LOCAL_ACCOUNT}:replay/${replay.ReplayName}`,
        State: 'STARTING',
      },
    ];
  },
  DescribeReplay: (control, { ReplayName }) => {
    const replay = control.replays.find((started) => started.ReplayName === ReplayName);
    if (!replay) return notFound(`Replay ${String(ReplayName)} does not exist.`);
    const step = (progress.get(replay.ReplayName) ?? 0) + 1;
    progress.set(replay.ReplayName, step);
    const half = (replay.EventStartTime + replay.EventEndTime) / 2;
    if (step === 1) return [200, { ReplayName, State: 'STARTING' }];
    if (step === 2) return [200, { ReplayName, State: 'RUNNING', EventLastReplayedTime: half }];
    const end = control.replayEnd;
    return [
      200,
      {
        ReplayName,
        State: end.state,
        ...(end.state !== 'COMPLETED' && { StateReason: end.reason }),
        EventLastReplayedTime: end.state === 'COMPLETED' ? replay.EventEndTime : half,
      },
    ];
  },
};

async function readJson(request: IncomingMessage): Promise<{ Entries?: PutEventsEntry[] }> {
  return JSON.parse((await readBody(request)) || '{}') as { Entries?: PutEventsEntry[] };
}
