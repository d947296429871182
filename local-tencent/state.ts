import { NOTIFY_URL_FIELDS, type CallbackNotifyUrls } from '../lib/tencent/types';
import { FaultQueue, type Fault, type FaultEffect } from './faults';
import { SlidingWindowLimit } from './request-window';

/** A callback template as the local Tencent holds it: every field set ("" when not given). */
export interface CallbackTemplate extends Required<CallbackNotifyUrls> {
  TemplateId: number;
  TemplateName: string;
  Description: string;
  /** The secret Tencent signs callbacks with (`sign = md5(key + t)`). */
  CallbackKey: string;
  StreamMixNotifyUrl: string;
  RecordExceptionLevels: string[];
}

/** A push domain and path bound to a template. Times in milliseconds. */
export interface CallbackRule {
  DomainName: string;
  AppName: string;
  TemplateId: number;
  createdAt: number;
  updatedAt: number;
}

/** What a domain/app is wired to: the rule and the template it names. */
export interface Binding {
  rule: CallbackRule;
  template: CallbackTemplate;
}

/** One push of a stream, as DescribeLiveStreamEventList reports it once it has ended. */
export interface PushSession {
  domain: string;
  app: string;
  stream: string;
  start: Date;
  end: Date;
  stopReason: string;
  clientIp: string;
  resolution: string;
  /** False for a push that failed to start (IsFilter=1 leaves it out). */
  succeeded: boolean;
}

export type PushSessionInput = Pick<PushSession, 'domain' | 'stream' | 'start' | 'end'> &
  Partial<PushSession>;

/** One callback Tencent sent, as DescribeCallbackRecordsList reports it. */
export interface CallbackRecord {
  stream: string;
  eventType: number;
  /** When Tencent sent it. */
  time: Date;
  /** The body Tencent sent, as sent. */
  request: string;
  /** What the receiver answered. */
  response: string;
  /** 0 when the receiver answered 200. */
  resultCode: number;
  responseTime: Date;
}

export type CallbackRecordInput = Pick<CallbackRecord, 'stream' | 'eventType' | 'time'> & {
  /** A string is kept as sent; an object is serialised as Tencent would send it (JSON). */
  request: string | object;
} & Partial<Pick<CallbackRecord, 'response' | 'resultCode' | 'responseTime'>>;

export interface Counters {
  /** Requests received, per X-TC-Action (refused ones included). */
  requests: Record<string, number>;
  /** Requests refused with RequestLimitExceeded. */
  throttled: number;
  /** Requests refused with AuthFailure.*. */
  authFailures: number;
}

/**
 * The local Tencent's account: templates, rules, push sessions and callback history, with the
 * clock its time windows are judged by. The actions change it through the methods below; tests
 * and the simulator add history and read bindings through the same methods.
 */
export class LocalTencentState {
  readonly counters: Counters = { requests: {}, throttled: 0, authFailures: 0 };
  private clock: () => number;
  private nextTemplateId = 1001;
  private readonly templateList = new Map<number, CallbackTemplate>();
  private readonly ruleList = new Map<string, CallbackRule>();
  private readonly sessionList: PushSession[] = [];
  private readonly recordList: CallbackRecord[] = [];
  private readonly rateLimit: SlidingWindowLimit;
  private readonly faults = new FaultQueue();

  /** `requestsPerSecond`: Tencent's limit, per SecretId and action, in any one second. */
  constructor(now: () => number = Date.now, requestsPerSecond = 20) {
    this.clock = now;
    this.rateLimit = new SlidingWindowLimit(requestsPerSecond, () => this.now());
  }

  /** Milliseconds: the local Tencent's current time (signatures and history windows). */
  now(): number {
    return this.clock();
  }

  setClock(now: () => number): void {
    this.clock = now;
  }

  /** Counts a request against the rate limit; false when it is one too many for the last second. */
  allowRequest(secretId: string, action: string): boolean {
    return this.rateLimit.allow(`${secretId}\n${action}`);
  }

  /**
   * Makes the next requests fail as told (refused with an error code, answered late, or never
   * answered), so that a test creates the condition it checks instead of racing for it.
   *
   * @example state.injectFault({ kind: 'refuse', code: 'RequestLimitExceeded', times: 3 });
   */
  injectFault(fault: Fault): void {
    this.faults.add(fault);
  }

  /** The injected fault the next served request of `action` meets, if any. */
  takeFault(action: string): FaultEffect | undefined {
    return this.faults.take(action);
  }

  /** Drops the injected faults not yet applied. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** How many requests injected faults still wait for. */
  pendingFaults(): number {
    return this.faults.size();
  }

  // Templates and rules.

  templates(): CallbackTemplate[] {
    return [...this.templateList.values()].map(copyTemplate);
  }

  template(id: number): CallbackTemplate | undefined {
    const template = this.templateList.get(id);
    return template && copyTemplate(template);
  }

  addTemplate(fields: Omit<CallbackTemplate, 'TemplateId'>): CallbackTemplate {
    const template = { ...copyTemplate({ ...fields, TemplateId: this.nextTemplateId++ }) };
    this.templateList.set(template.TemplateId, template);
    return copyTemplate(template);
  }

  updateTemplate(id: number, changes: Partial<Omit<CallbackTemplate, 'TemplateId'>>): void {
    const template = this.templateList.get(id);
    if (template) this.templateList.set(id, copyTemplate({ ...template, ...changes }));
  }

  deleteTemplate(id: number): void {
    this.templateList.delete(id);
  }

  rules(): CallbackRule[] {
    return [...this.ruleList.values()].map((rule) => ({ ...rule }));
  }

  rule(domain: string, app: string): CallbackRule | undefined {
    const rule = this.ruleList.get(ruleKey(domain, app));
    return rule && { ...rule };
  }

  addRule(domain: string, app: string, templateId: number): void {
    const now = this.now();
    this.ruleList.set(ruleKey(domain, app), {
      DomainName: domain,
      AppName: app,
      TemplateId: templateId,
      createdAt: now,
      updatedAt: now,
    });
  }

  deleteRule(domain: string, app: string): void {
    this.ruleList.delete(ruleKey(domain, app));
  }

  /** The template a push domain and path send their callbacks with, if bound. */
  binding(domain: string, app = 'live'): Binding | undefined {
    const rule = this.rule(domain, app);
    const template = rule && this.template(rule.TemplateId);
    return rule && template && { rule, template };
  }

  // History.

  addPushSession(input: PushSessionInput): PushSession {
    const session: PushSession = {
      app: 'live',
      stopReason: 'NormalStop',
      clientIp: '203.0.113.10',
      resolution: '1920*1080',
      succeeded: true,
      ...input,
    };
    if (session.end < session.start)
      throw new RangeError('a push session cannot end before it starts');
    this.sessionList.push(session);
    return { ...session };
  }

  pushSessions(): PushSession[] {
    return this.sessionList.map((session) => ({ ...session }));
  }

  addCallbackRecord(input: CallbackRecordInput): CallbackRecord {
    const record: CallbackRecord = {
      response: '{"code":0}',
      resultCode: 0,
      responseTime: input.time,
      ...input,
      request: typeof input.request === 'string' ? input.request : JSON.stringify(input.request),
    };
    this.recordList.push(record);
    return { ...record };
  }

  callbackRecords(): CallbackRecord[] {
    return this.recordList.map((record) => ({ ...record }));
  }

  /** Forgets everything: the account as new, counters and rate-limit windows at zero, no fault. */
  reset(): void {
    this.rateLimit.clear();
    this.faults.clear();
    this.templateList.clear();
    this.ruleList.clear();
    this.sessionList.length = 0;
    this.recordList.length = 0;
    this.nextTemplateId = 1001;
    this.counters.requests = {};
    this.counters.throttled = 0;
    this.counters.authFailures = 0;
  }
}

/** An empty notify URL per event kind, for templates created with only some of them. */
export function noNotifyUrls(): Required<CallbackNotifyUrls> {
  return Object.fromEntries(
    NOTIFY_URL_FIELDS.map((field) => [field, '']),
  ) as Required<CallbackNotifyUrls>;
}

function copyTemplate(template: CallbackTemplate): CallbackTemplate {
  return { ...template, RecordExceptionLevels: [...template.RecordExceptionLevels] };
}

function ruleKey(domain: string, app: string): string {
  return `${domain}\n${app}`;
}
