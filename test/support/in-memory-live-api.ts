import type { TencentLiveApi } from '../../lib/tencent/tencent-api';
import type {
  CallBackRuleInfo,
  CallBackTemplateInfo,
  CreateLiveCallbackTemplateRequest,
} from '../../lib/tencent/types';

type Stored = CreateLiveCallbackTemplateRequest & { TemplateId: number };

/**
 * The callback-template and rule actions of {@link TencentLiveApi} in memory, for unit tests of
 * what is applied: Describe answers as Tencent does (no `RecordStatusNotifyUrl`, "" for a URL not
 * set), a second rule for a push path and deleting a bound template are refused. Every call is
 * recorded. The history actions are not implemented.
 */
export class InMemoryLiveApi implements TencentLiveApi {
  readonly calls: { action: string; request?: object }[] = [];
  private readonly stored = new Map<number, Stored>();
  private readonly ruleList: CallBackRuleInfo[] = [];
  private nextId = 1;

  constructor(
    initial: {
      templates?: readonly CallBackTemplateInfo[];
      rules?: readonly CallBackRuleInfo[];
    } = {},
  ) {
    for (const template of initial.templates ?? []) {
      const id = template.TemplateId ?? this.nextId;
      this.stored.set(id, { TemplateName: '', ...template, TemplateId: id });
      this.nextId = Math.max(this.nextId, id + 1);
    }
    this.ruleList.push(...(initial.rules ?? []).map((rule) => ({ ...rule })));
  }

  /** A template as stored, `RecordStatusNotifyUrl` included (which Describe never shows). */
  template(id: number): Stored | undefined {
    return this.stored.get(id);
  }

  async CreateLiveCallbackTemplate(request: CreateLiveCallbackTemplateRequest) {
    this.calls.push({ action: 'CreateLiveCallbackTemplate', request });
    const TemplateId = this.nextId++;
    this.stored.set(TemplateId, { ...request, TemplateId });
    return { TemplateId };
  }

  async ModifyLiveCallbackTemplate(request: { TemplateId: number }) {
    this.calls.push({ action: 'ModifyLiveCallbackTemplate', request });
    const template = this.stored.get(request.TemplateId);
    if (!template) throw new Error(`no template ${request.TemplateId}`);
    this.stored.set(request.TemplateId, { ...template, ...request });
    return {};
  }

  async DescribeLiveCallbackTemplates() {
    this.calls.push({ action: 'DescribeLiveCallbackTemplates' });
    const Templates = [...this.stored.values()].map(
      ({ RecordStatusNotifyUrl: _hidden, ...template }): CallBackTemplateInfo => ({
        StreamBeginNotifyUrl: '',
        StreamEndNotifyUrl: '',
        RecordNotifyUrl: '',
        SnapshotNotifyUrl: '',
        PornCensorshipNotifyUrl: '',
        PushExceptionNotifyUrl: '',
        AudioAuditNotifyUrl: '',
        RecordExceptionNotifyUrl: '',
        CallbackKey: '',
        ...template,
      }),
    );
    return { Templates };
  }

  async DeleteLiveCallbackTemplate({ TemplateId }: { TemplateId: number }) {
    this.calls.push({ action: 'DeleteLiveCallbackTemplate', request: { TemplateId } });
    if (this.ruleList.some((rule) => rule.TemplateId === TemplateId)) {
      throw new Error(`template ${TemplateId} is in use`);
    }
    this.stored.delete(TemplateId);
    return {};
  }

  async CreateLiveCallbackRule(request: {
    DomainName: string;
    AppName: string;
    TemplateId: number;
  }) {
    this.calls.push({ action: 'CreateLiveCallbackRule', request });
    if (
      this.ruleList.some(
        (rule) => rule.DomainName === request.DomainName && rule.AppName === request.AppName,
      )
    ) {
      throw new Error(`${request.DomainName}/${request.AppName} is bound already`);
    }
    this.ruleList.push({ ...request });
    return {};
  }

  async DescribeLiveCallbackRules() {
    this.calls.push({ action: 'DescribeLiveCallbackRules' });
    return { Rules: this.ruleList.map((rule) => ({ ...rule })) };
  }

  async DeleteLiveCallbackRule(request: { DomainName: string; AppName: string }) {
    this.calls.push({ action: 'DeleteLiveCallbackRule', request });
    const index = this.ruleList.findIndex(
      (rule) => rule.DomainName === request.DomainName && rule.AppName === request.AppName,
    );
    if (index < 0) throw new Error(`no rule for ${request.DomainName}/${request.AppName}`);
    this.ruleList.splice(index, 1);
    return {};
  }

  DescribeLiveStreamEventList(): never {
    throw new Error('not implemented in memory');
  }

  DescribeCallbackRecordsList(): never {
    throw new Error('not implemented in memory');
  }

  /** The actions called that change something. */
  mutations(): string[] {
    return this.calls
      .map(({ action }) => action)
      .filter((action) => !action.startsWith('Describe'));
  }
}
