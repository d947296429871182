import type { TencentLiveApi } from '../../lib/tencent/tencent-api';
import type {
  CallBackRuleInfo,
  CallBackTemplateInfo,
  CallbackNotifyUrls,
} from '../../lib/tencent/types';
import { ruleOf } from '../../lib/tencent/wiring';
import { CliError } from '../cli/errors';
import type { AttemptReport } from './deliver';

/** What a push path is bound to in the local Tencent: the rule, and its template with the key. */
export interface Binding {
  rule: CallBackRuleInfo;
  template: CallBackTemplateInfo;
}

/**
 * The binding of a push path, read as any client of Tencent would: DescribeLiveCallbackRules,
 * then DescribeLiveCallbackTemplates (whose answer carries `CallbackKey`).
 */
export async function readBinding(
  api: TencentLiveApi,
  domain: string,
  app: string,
): Promise<Binding | undefined> {
  const [{ Rules = [] }, { Templates = [] }] = await Promise.all([
    api.DescribeLiveCallbackRules(),
    api.DescribeLiveCallbackTemplates(),
  ]);
  const rule = ruleOf(Rules, { domain, app });
  const template = Templates.find((candidate) => candidate.TemplateId === rule?.TemplateId);
  return rule && template && { rule, template };
}

/**
 * `ResultCode` of a delivery in Tencent's history: 0 when Tencent got a 200 in time. Tencent does
 * not document its failure codes; the local Tencent records the HTTP status of another answer, and
 * -1 when no answer came in time (or, with --fail-first, counts as not come).
 */
export function historyResultCode(report: AttemptReport): number {
  if (report.succeeded) return 0;
  if (report.lost || report.answer.status === undefined) return -1;
  return report.answer.status;
}

/** The local Tencent's control API (not Tencent's): what Tencent's machinery records. */
export class LocalTencentControl {
  constructor(private readonly url: string) {}

  /**
   * Where Tencent sends each kind of callback of a template: every notify URL, including
   * `RecordStatusNotifyUrl`, which Tencent's own DescribeLiveCallbackTemplates never shows.
   */
  async notifyUrls(templateId: number): Promise<CallbackNotifyUrls> {
    const { urls } = (await this.post('/_local/notify-urls', { templateId })) as {
      urls?: CallbackNotifyUrls;
    };
    return urls ?? {};
  }

  /** One delivery, as DescribeCallbackRecordsList will report it. */
  async recordDelivery(stream: string, report: AttemptReport): Promise<void> {
    const answered = !report.lost && report.answer.status !== undefined;
    await this.post('/_local/callback-records', {
      stream,
      eventType: report.callback.body.event_type,
      time: new Date(report.sentAt).toISOString(),
      request: report.request,
      response: answered ? report.answer.body : '',
      resultCode: historyResultCode(report),
      responseTime: new Date(report.answeredAt).toISOString(),
    });
  }

  /** The push, as DescribeLiveStreamEventList will list it. Times in Unix seconds. */
  async recordPush(push: {
    domain: string;
    app: string;
    stream: string;
    start: number;
    end: number;
    clientIp: string;
    resolution: string;
  }): Promise<void> {
    await this.post('/_local/push-sessions', {
      ...push,
      start: new Date(push.start * 1000).toISOString(),
      end: new Date(push.end * 1000).toISOString(),
      stopReason: 'NormalStop',
    });
  }

  private async post(path: string, body: object): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      throw new CliError(
        `The local Tencent at ${this.url} does not answer (${(error as Error).message}): is npm start still running?`,
        { cause: error },
      );
    }
    if (!response.ok) {
      throw new CliError(
        `The local Tencent refused ${path} (HTTP ${response.status} ${await response.text()}): restart npm start`,
      );
    }
    return response.json();
  }
}
