import type {
  CallBackRuleInfo,
  CallBackTemplateInfo,
  CreateLiveCallbackTemplateRequest,
  ModifyLiveCallbackTemplateRequest,
} from '../types';
import type { NotifyUrlField } from './constants';

/** A push domain and path (`AppName`): what a callback rule binds to one template. */
export interface PushPath {
  domain: string;
  app: string;
}

/** What `setup` should leave behind for a push path. */
export interface WantedWiring extends PushPath {
  /** `<service>-<stage>`: the template this stage owns. */
  templateName: string;
  callbackUrl: string;
  /** A secret: it goes into requests, never into a plan's text. */
  callbackKey: string;
}

/** What Tencent holds: DescribeLiveCallbackTemplates and DescribeLiveCallbackRules, as answered. */
export interface TencentWiring {
  templates: readonly CallBackTemplateInfo[];
  rules: readonly CallBackRuleInfo[];
}

/** A template as a person reads it: its id, and its name when Tencent knows it. */
export interface TemplateRef {
  id: number;
  name?: string;
}

/** What differs in a template: notify URLs by field name, and whether the key does. */
export type TemplateField = NotifyUrlField | 'CallbackKey';

export type TemplateStep =
  | { action: 'create'; name: string; request: CreateLiveCallbackTemplateRequest }
  | {
      action: 'modify';
      template: TemplateRef;
      /** The fields that differ (never their values: one of them may be the key). */
      changed: TemplateField[];
      request: ModifyLiveCallbackTemplateRequest;
    }
  | { action: 'unchanged'; template: TemplateRef };

export type BindingStep =
  /** Not bound: bind it to the template (its id is known once the template exists). */
  | ({ action: 'create' } & PushPath)
  /** Bound to the template already. */
  | ({ action: 'unchanged'; template: TemplateRef } & PushPath)
  /** Bound to another template, and `force` was given: unbind it, then bind ours. */
  | ({ action: 'replace'; current: TemplateRef } & PushPath)
  /** Bound to another template, without `force`: setup changes nothing. */
  | ({ action: 'conflict'; current: TemplateRef } & PushPath);

/** What `setup` does, in order: the template first, then the binding. */
export interface SetupPlan {
  template: TemplateStep;
  binding: BindingStep;
}

export type UnbindStep =
  /** Bound to the stage's template (or to another one, with `force`): unbind it. */
  | ({ action: 'delete'; template: TemplateRef } & PushPath)
  | ({ action: 'absent' } & PushPath)
  /** Bound to a template that is not the stage's, without `force`: left alone. */
  | ({ action: 'foreign'; template: TemplateRef } & PushPath);

export type TemplateRemovalStep =
  | { action: 'delete'; template: TemplateRef }
  /** Still bound to other push paths once this one is unbound. */
  | { action: 'keep'; template: TemplateRef; usedBy: PushPath[] }
  | { action: 'absent'; name: string };

/** What `remove` does, in order: the binding first (Tencent refuses to delete a bound template). */
export interface RemovePlan {
  binding: UnbindStep;
  template: TemplateRemovalStep;
}
