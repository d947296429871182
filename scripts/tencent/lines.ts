import type { CallBackTemplateInfo } from '../../lib/tencent/types';
import { NOTIFY_URL_FIELDS } from '../../lib/tencent/types';
import {
  UNREPORTED_URL_FIELDS,
  WIRED_URL_FIELDS,
  type AppliedStep,
  type BindingStep,
  type PushPath,
  type RemovePlan,
  type SetupPlan,
  type TemplateField,
  type TemplateRef,
  type TemplateStep,
} from '../../lib/tencent/wiring';
import type { CliIo } from '../cli/io';
import type { TencentConnection } from '../cli/tencent-connection';
import type { CallbackEndpoint } from './callback-endpoint';

/* What `npm run tencent` prints: a line per plan step, per change made, per difference found. */

export function printEndpoint(endpoint: CallbackEndpoint, io: CliIo): void {
  io.out(`  Callback URL  ${endpoint.url} (${endpoint.urlSource})`);
  io.out(`  Callback key  ${endpoint.keySource}`);
}

export function printTemplate(template: CallBackTemplateInfo, io: CliIo): void {
  io.out(`Template    ${refName({ id: template.TemplateId ?? 0, name: template.TemplateName })}`);
  for (const field of NOTIFY_URL_FIELDS) {
    const value = UNREPORTED_URL_FIELDS.has(field)
      ? '(Tencent does not show it)'
      : (template as Record<string, string | undefined>)[field] || '(not set)';
    io.out(`  ${field.padEnd(26)}${value}`);
  }
  if (!template.CallbackKey) io.out(`  ${'CallbackKey'.padEnd(26)}not set`);
}

export function templatePlanLine(step: TemplateStep): string {
  switch (step.action) {
    case 'create':
      return `Template ${step.name}: create (its notify URLs and key)`;
    case 'modify':
      return `Template ${refName(step.template)}: modify ${changedText(step.changed)}`;
    case 'unchanged':
      return `Template ${refName(step.template)}: unchanged`;
  }
}

export function bindingPlanLine(step: BindingStep, templateName: string): string {
  const path = pathText(step);
  switch (step.action) {
    case 'create':
      return `Binding ${path} → template ${templateName}: create`;
    case 'unchanged':
      return `Binding ${path} → template ${step.template.id}: unchanged`;
    case 'replace':
      return `Binding ${path}: replace template ${refText(step.current)} with ${templateName} (--force)`;
    case 'conflict':
      return `Binding ${path}: bound to template ${refText(step.current)}, not ${templateName}`;
  }
}

export function unbindPlanLine({ binding }: RemovePlan): string {
  const path = pathText(binding);
  switch (binding.action) {
    case 'delete':
      return `Binding ${path} → template ${refText(binding.template)}: delete`;
    case 'absent':
      return `Binding ${path}: none`;
    case 'foreign':
      return (
        `Binding ${path} → template ${refText(binding.template)}: not this stage's, left alone ` +
        '(--force removes it)'
      );
  }
}

export function templateRemovalLine({ template }: RemovePlan): string {
  switch (template.action) {
    case 'delete':
      return `Template ${refName(template.template)}: delete (nothing else uses it)`;
    case 'keep':
      return `Template ${refName(template.template)}: kept (still bound to ${template.usedBy.map(pathText).join(', ')})`;
    case 'absent':
      return `Template ${template.name}: none`;
  }
}

export function appliedLine(step: AppliedStep, tencent: TencentConnection): string {
  if (step.kind === 'template') {
    return step.action === 'created'
      ? `Template ${step.template.name ?? step.template.id}: created (template ${step.template.id})`
      : `Template ${refName(step.template)}: ${step.action}`;
  }
  const path = pathText(step);
  if (step.action === 'deleted')
    return `Binding ${path} → template ${refText(step.template)}: deleted`;
  const delay = tencent.local
    ? 'the local Tencent applies it at once'
    : 'takes 5-10 minutes to take effect on Tencent';
  return `Binding ${path} → template ${step.template.id}: created (${delay})`;
}

/** Why a status is not what setup leaves, from the plan setup would carry out. */
export function differences(plan: SetupPlan, templateName: string): string[] {
  const reasons: string[] = [];
  if (plan.template.action === 'create') reasons.push(`no template ${templateName}`);
  if (plan.template.action === 'modify') {
    reasons.push(`template ${templateName} differs: ${changedText(plan.template.changed)}`);
  }
  if (plan.binding.action === 'create') reasons.push('not bound');
  if (plan.binding.action === 'conflict') {
    reasons.push(`bound to template ${refText(plan.binding.current)}`);
  }
  return reasons;
}

/** `every notify URL, CallbackKey` rather than nine names, when all differ. */
export function changedText(changed: readonly TemplateField[]): string {
  const reported = WIRED_URL_FIELDS.filter((field) => !UNREPORTED_URL_FIELDS.has(field));
  const urls = changed.filter((field) => field !== 'CallbackKey');
  const names =
    reported.length > 1 && reported.every((field) => urls.includes(field))
      ? ['every notify URL', ...changed.filter((field) => field === 'CallbackKey')]
      : changed;
  return names.join(', ');
}

export function pathText(path: PushPath): string {
  return `${path.domain}/${path.app}`;
}

export function refText(ref: { id: number; name?: string }): string {
  return ref.name ? `${ref.id} (${ref.name})` : String(ref.id);
}

export function refName(ref: TemplateRef): string {
  return ref.name ? `${ref.name} (${ref.id})` : String(ref.id);
}
