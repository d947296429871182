import {
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  ListArchivesCommand,
  ListRulesCommand,
  ResourceNotFoundException,
  StartReplayCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import type {
  ArchiveInfo,
  ReplayApi,
  ReplayRequest,
  ReplayState,
  RuleInfo,
} from '../replay/replay-api';

/** EventBridge's archive and replay actions, over the SDK's client (see `../replay`). */
export class EventBridgeReplayApi implements ReplayApi {
  constructor(private readonly client: EventBridgeClient) {}

  async busArn(busName: string): Promise<string | undefined> {
    return notFoundAsUndefined(async () => {
      const { Arn } = await this.client.send(new DescribeEventBusCommand({ Name: busName }));
      return Arn;
    });
  }

  async archivesOf(busArn: string): Promise<ArchiveInfo[]> {
    const archives: ArchiveInfo[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListArchivesCommand({ EventSourceArn: busArn, ...(NextToken && { NextToken }) }),
      );
      for (const { ArchiveName } of page.Archives ?? []) {
        if (!ArchiveName) continue;
        // The listing has no ARN; the description has.
        const archive = await this.client.send(new DescribeArchiveCommand({ ArchiveName }));
        if (!archive.ArchiveArn) continue;
        archives.push({
          name: ArchiveName,
          arn: archive.ArchiveArn,
          retentionDays: archive.RetentionDays ?? 0,
          state: archive.State ?? 'UNKNOWN',
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return archives;
  }

  async ruleArn(busName: string, ruleName: string): Promise<string | undefined> {
    return notFoundAsUndefined(async () => {
      const { Arn } = await this.client.send(
        new DescribeRuleCommand({ Name: ruleName, EventBusName: busName }),
      );
      return Arn;
    });
  }

  async rules(busName: string): Promise<RuleInfo[]> {
    const rules: RuleInfo[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListRulesCommand({ EventBusName: busName, ...(NextToken && { NextToken }) }),
      );
      for (const rule of page.Rules ?? []) {
        if (!rule.Name || !rule.Arn) continue;
        rules.push({
          name: rule.Name,
          arn: rule.Arn,
          ...(rule.EventPattern && { eventPattern: rule.EventPattern }),
          ...(rule.State && { state: rule.State }),
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return rules;
  }

  async startReplay(request: ReplayRequest): Promise<void> {
    await this.client.send(
      new StartReplayCommand({
        ReplayName: request.replayName,
        Description: request.description,
        EventSourceArn: request.archiveArn,
        EventStartTime: request.start,
        EventEndTime: request.end,
        Destination: {
          Arn: request.busArn,
          ...(request.ruleArns && { FilterArns: request.ruleArns }),
        },
      }),
    );
  }

  async describeReplay(replayName: string): Promise<ReplayState> {
    const replay = await this.client.send(new DescribeReplayCommand({ ReplayName: replayName }));
    return {
      state: replay.State ?? 'FAILED',
      ...(replay.StateReason && { stateReason: replay.StateReason }),
      ...(replay.EventLastReplayedTime && { lastReplayedTime: replay.EventLastReplayedTime }),
    };
  }
}

async function notFoundAsUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
