import type {
  CallBackRuleInfo,
  CreateLiveCallbackRuleRequest,
  DeleteLiveCallbackRuleRequest,
} from '../../lib/tencent/types';
import { TencentFault } from '../tencent-fault';
import { formatBeijing } from '../tencent-time';
import { defineAction } from './action';
import { existingTemplate } from './callback-templates';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const APP_NAME = /^[A-Za-z0-9_.-]{0,32}$/;

export const createLiveCallbackRule = defineAction<CreateLiveCallbackRuleRequest>(
  {
    DomainName: { type: 'String', required: true },
    AppName: { type: 'String', required: true },
    TemplateId: { type: 'Integer', required: true },
  },
  ({ DomainName, AppName, TemplateId }, state) => {
    checkDomainAndApp(DomainName, AppName);
    existingTemplate(state, TemplateId);
    const bound = state.rule(DomainName, AppName);
    if (bound) {
      // A domain/app has one callback template: Tencent refuses a second rule ("规则已经配置").
      throw new TencentFault(
        'InternalError.RuleAlreadyExist',
        `A callback rule for ${DomainName}/${AppName} already exists (template ${bound.TemplateId}).`,
      );
    }
    state.addRule(DomainName, AppName, TemplateId);
    return {};
  },
);

export const describeLiveCallbackRules = defineAction<Record<string, never>>(
  {},
  (_request, state) => ({
    Rules: state.rules().map((rule): CallBackRuleInfo => ({
      CreateTime: formatBeijing(rule.createdAt),
      UpdateTime: formatBeijing(rule.updatedAt),
      TemplateId: rule.TemplateId,
      DomainName: rule.DomainName,
      AppName: rule.AppName,
    })),
  }),
);

export const deleteLiveCallbackRule = defineAction<DeleteLiveCallbackRuleRequest>(
  {
    DomainName: { type: 'String', required: true },
    AppName: { type: 'String', required: true },
  },
  ({ DomainName, AppName }, state) => {
    checkDomainAndApp(DomainName, AppName);
    if (!state.rule(DomainName, AppName)) {
      throw new TencentFault(
        'FailedOperation.NotFound',
        `No callback rule for ${DomainName}/${AppName}.`,
      );
    }
    state.deleteRule(DomainName, AppName);
    return {};
  },
);

function checkDomainAndApp(domain: string, app: string): void {
  if (!DOMAIN.test(domain)) {
    throw new TencentFault(
      'InvalidParameter.DomainFormatError',
      `DomainName ${JSON.stringify(domain)} is not a domain name.`,
    );
  }
  if (!APP_NAME.test(app)) {
    throw new TencentFault(
      'InvalidParameterValue',
      'AppName must be at most 32 letters, digits, _, - and .',
    );
  }
}
