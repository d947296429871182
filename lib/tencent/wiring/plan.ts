import type { CallBackRuleInfo, CallBackTemplateInfo } from '../types';
import { UNREPORTED_URL_FIELDS, WIRED_URL_FIELDS, type NotifyUrlField } from './constants';
import type {
  BindingStep,
  PushPath,
  RemovePlan,
  SetupPlan,
  TemplateField,
  TemplateRef,
  TemplateStep,
  TencentWiring,
  UnbindStep,
  WantedWiring,
} from './types';

/**
 * What `setup` must change so that `wanted.domain`/`wanted.app` sends every callback the service
 * handles to `wanted.callbackUrl`, signed with `wanted.callbackKey`, through the template named
 * `wanted.templateName`; given what Tencent holds. Pure: it decides, the caller acts.
 *
 * Running it again on what the first plan left gives a plan with nothing to do. A binding to
 * another template is a conflict unless `force` is given.
 */
export function planSetup(
  tencent: TencentWiring,
  wanted: WantedWiring,
  { force = false }: { force?: boolean } = {},
): SetupPlan {
  const rule = ruleOf(tencent.rules, wanted);
  const template = stageTemplate(tencent.templates, wanted.templateName, rule);
  return {
    template: templateStep(template, wanted),
    binding: bindingStep(tencent.templates, rule, template, wanted, force),
  };
}

/** Whether a plan changes nothing at Tencent (a conflict counts as a change refused). */
export function changesNothing(plan: SetupPlan): boolean {
  return plan.template.action === 'unchanged' && plan.binding.action === 'unchanged';
}

/**
 * What `remove` does for a push path: unbind it when it is bound to the stage's template (or to
 * any template, with `force`), and delete the stage's template when no other push path uses it.
 */
export function planRemove(
  tencent: TencentWiring,
  target: PushPath & { templateName: string },
  { force = false }: { force?: boolean } = {},
): RemovePlan {
  const rule = ruleOf(tencent.rules, target);
  const template = stageTemplate(tencent.templates, target.templateName, rule);
  const path = { domain: target.domain, app: target.app };

  let binding: UnbindStep;
  if (rule?.TemplateId === undefined) {
    binding = { action: 'absent', ...path };
  } else {
    const bound = refOf(tencent.templates, rule.TemplateId);
    const ours = template !== undefined && rule.TemplateId === template.TemplateId;
    binding =
      ours || force
        ? { action: 'delete', template: bound, ...path }
        : { action: 'foreign', template: bound, ...path };
  }

  if (template?.TemplateId === undefined) {
    return { binding, template: { action: 'absent', name: target.templateName } };
  }
  const id = template.TemplateId;
  const usedBy = tencent.rules
    .filter((other) => other.TemplateId === id)
    .filter((other) => !(binding.action === 'delete' && samePath(other, path)))
    .map((other) => ({ domain: other.DomainName ?? '', app: other.AppName ?? '' }));
  const ref = { id, name: target.templateName };
  return {
    binding,
    template:
      usedBy.length > 0
        ? { action: 'keep', template: ref, usedBy }
        : { action: 'delete', template: ref },
  };
}

/**
 * The stage's template: the one of that name bound to the push path if there is one (Tencent does
 * not promise unique names), else the oldest of that name.
 */
export function stageTemplate(
  templates: readonly CallBackTemplateInfo[],
  name: string,
  rule?: CallBackRuleInfo,
): CallBackTemplateInfo | undefined {
  const named = templates
    .filter((template) => template.TemplateName === name && template.TemplateId !== undefined)
    .sort((a, b) => (a.TemplateId ?? 0) - (b.TemplateId ?? 0));
  return named.find((template) => template.TemplateId === rule?.TemplateId) ?? named[0];
}

/** The rule that binds a push path, if any. */
export function ruleOf(
  rules: readonly CallBackRuleInfo[],
  path: PushPath,
): CallBackRuleInfo | undefined {
  return rules.find((rule) => samePath(rule, path));
}

/** The fields of `template` that differ from what `wanted` asks for (reported fields only). */
export function templateDifferences(
  template: CallBackTemplateInfo,
  wanted: Pick<WantedWiring, 'callbackUrl' | 'callbackKey'>,
): TemplateField[] {
  const changed: TemplateField[] = WIRED_URL_FIELDS.filter(
    (field) =>
      !UNREPORTED_URL_FIELDS.has(field) && reported(template, field) !== wanted.callbackUrl,
  );
  if (template.CallbackKey !== wanted.callbackKey) changed.push('CallbackKey');
  return changed;
}

function templateStep(
  template: CallBackTemplateInfo | undefined,
  wanted: WantedWiring,
): TemplateStep {
  const urls = wiredUrls(wanted.callbackUrl);
  if (template?.TemplateId === undefined) {
    return {
      action: 'create',
      name: wanted.templateName,
      request: { TemplateName: wanted.templateName, ...urls, CallbackKey: wanted.callbackKey },
    };
  }
  const ref = { id: template.TemplateId, name: wanted.templateName };
  const changed = templateDifferences(template, wanted);
  if (changed.length === 0) return { action: 'unchanged', template: ref };
  // Only what differs, plus what Tencent never shows (so it is right after every modify); the key
  // only when it changes, so an unchanged secret is not sent again.
  const request: Record<string, unknown> = { TemplateId: template.TemplateId };
  for (const field of WIRED_URL_FIELDS) {
    if (changed.includes(field) || UNREPORTED_URL_FIELDS.has(field))
      request[field] = wanted.callbackUrl;
  }
  if (changed.includes('CallbackKey')) request.CallbackKey = wanted.callbackKey;
  return {
    action: 'modify',
    template: ref,
    changed,
    request: request as { TemplateId: number },
  };
}

function bindingStep(
  templates: readonly CallBackTemplateInfo[],
  rule: CallBackRuleInfo | undefined,
  template: CallBackTemplateInfo | undefined,
  wanted: WantedWiring,
  force: boolean,
): BindingStep {
  const path = { domain: wanted.domain, app: wanted.app };
  if (rule?.TemplateId === undefined) return { action: 'create', ...path };
  if (template !== undefined && rule.TemplateId === template.TemplateId) {
    return { action: 'unchanged', template: refOf(templates, rule.TemplateId), ...path };
  }
  const current = refOf(templates, rule.TemplateId);
  return force ? { action: 'replace', current, ...path } : { action: 'conflict', current, ...path };
}

function wiredUrls(url: string): Partial<Record<NotifyUrlField, string>> {
  return Object.fromEntries(WIRED_URL_FIELDS.map((field) => [field, url]));
}

function reported(template: CallBackTemplateInfo, field: NotifyUrlField): string | undefined {
  return (template as Partial<Record<NotifyUrlField, string>>)[field];
}

function refOf(templates: readonly CallBackTemplateInfo[], id: number): TemplateRef {
  const name = templates.find((template) => template.TemplateId === id)?.TemplateName;
  return name === undefined ? { id } : { id, name };
}

function samePath(rule: CallBackRuleInfo, path: PushPath): boolean {
  return rule.DomainName === path.domain && rule.AppName === path.app;
}
