/**
 * What replaying an archive needs of EventBridge: the port the replay speaks to, implemented over
 * the SDK's client in `../aws/eventbridge-replay-api.ts` and by a local fake in the tests.
 */
export interface ReplayApi {
  /** The bus's ARN; `undefined` when no bus has that name. */
  busArn(busName: string): Promise<string | undefined>;
  /** The archives whose source is the bus. */
  archivesOf(busArn: string): Promise<ArchiveInfo[]>;
  /** The rule's ARN on that bus; `undefined` when it has no such rule. */
  ruleArn(busName: string, ruleName: string): Promise<string | undefined>;
  /** Every rule of the bus, with what it matches and where it sends. */
  rules(busName: string): Promise<RuleInfo[]>;
  startReplay(request: ReplayRequest): Promise<void>;
  describeReplay(replayName: string): Promise<ReplayState>;
}

export interface ArchiveInfo {
  name: string;
  arn: string;
  /** 0: kept for ever. */
  retentionDays: number;
  /** `ENABLED`, `DISABLED`, `CREATING`, ... */
  state: string;
}

export interface RuleInfo {
  name: string;
  arn: string;
  /** The rule's event pattern, as JSON text, when it has one. */
  eventPattern?: string;
  state?: string;
}

export interface ReplayRequest {
  replayName: string;
  archiveArn: string;
  start: Date;
  end: Date;
  busArn: string;
  /** The rules to replay to; every rule of the bus when absent. */
  ruleArns?: string[];
  description: string;
}

export const ReplayStatus = {
  starting: 'STARTING',
  running: 'RUNNING',
  cancelling: 'CANCELLING',
  completed: 'COMPLETED',
  cancelled: 'CANCELLED',
  failed: 'FAILED',
} as const;
export type ReplayStatus = (typeof ReplayStatus)[keyof typeof ReplayStatus];

export interface ReplayState {
  state: ReplayStatus;
  /** EventBridge's reason for a failed or cancelled replay. */
  stateReason?: string;
  /** The time of the last event replayed: how far through the window the replay is. */
  lastReplayedTime?: Date;
}
