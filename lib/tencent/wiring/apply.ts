import type { TencentLiveApi } from '../tencent-api';
import type { RemovePlan, SetupPlan, TemplateRef, TencentWiring } from './types';

/** Reads what Tencent holds for wiring: every callback template and every callback rule. */
export async function readTencentWiring(api: TencentLiveApi): Promise<TencentWiring> {
  const [{ Templates = [] }, { Rules = [] }] = await Promise.all([
    api.DescribeLiveCallbackTemplates(),
    api.DescribeLiveCallbackRules(),
  ]);
  return { templates: Templates, rules: Rules };
}

/** One change made at Tencent, reported as it happens. */
export type AppliedStep =
  | { kind: 'template'; action: 'created' | 'modified' | 'deleted'; template: TemplateRef }
  | {
      kind: 'binding';
      action: 'created' | 'deleted';
      domain: string;
      app: string;
      template: TemplateRef;
    };

/**
 * Carries out a setup plan through the API: the template first, then the binding (a replaced
 * binding is deleted, then created: Tencent has no action that changes a rule). `onStep` hears of
 * each change once Tencent has made it, so a failure part-way leaves a true account of what was
 * done; running setup again finishes the job. A plan with a conflict changes nothing.
 */
export async function applySetup(
  api: TencentLiveApi,
  plan: SetupPlan,
  onStep: (step: AppliedStep) => void = () => undefined,
): Promise<TemplateRef> {
  if (plan.binding.action === 'conflict') {
    throw new Error('a plan with a conflicting binding cannot be applied');
  }
  let template: TemplateRef;
  switch (plan.template.action) {
    case 'create': {
      const { TemplateId } = await api.CreateLiveCallbackTemplate(plan.template.request);
      if (TemplateId === undefined)
        throw new Error('Tencent created the template but sent no TemplateId');
      template = { id: TemplateId, name: plan.template.name };
      onStep({ kind: 'template', action: 'created', template });
      break;
    }
    case 'modify':
      await api.ModifyLiveCallbackTemplate(plan.template.request);
      template = plan.template.template;
      onStep({ kind: 'template', action: 'modified', template });
      break;
    case 'unchanged':
      template = plan.template.template;
      break;
  }

  const { binding } = plan;
  if (binding.action === 'replace') {
    await api.DeleteLiveCallbackRule({ DomainName: binding.domain, AppName: binding.app });
    onStep({
      kind: 'binding',
      action: 'deleted',
      domain: binding.domain,
      app: binding.app,
      template: binding.current,
    });
  }
  if (binding.action === 'create' || binding.action === 'replace') {
    await api.CreateLiveCallbackRule({
      DomainName: binding.domain,
      AppName: binding.app,
      TemplateId: template.id,
    });
    onStep({
      kind: 'binding',
      action: 'created',
      domain: binding.domain,
      app: binding.app,
      template,
    });
  }
  return template;
}

/** Carries out a remove plan: the binding first (Tencent refuses to delete a bound template). */
export async function applyRemove(
  api: TencentLiveApi,
  plan: RemovePlan,
  onStep: (step: AppliedStep) => void = () => undefined,
): Promise<void> {
  const { binding } = plan;
  if (binding.action === 'delete') {
    await api.DeleteLiveCallbackRule({ DomainName: binding.domain, AppName: binding.app });
    onStep({
      kind: 'binding',
      action: 'deleted',
      domain: binding.domain,
      app: binding.app,
      template: binding.template,
    });
  }
  if (plan.template.action === 'delete') {
    await api.DeleteLiveCallbackTemplate({ TemplateId: plan.template.template.id });
    onStep({ kind: 'template', action: 'deleted', template: plan.template.template });
  }
}
