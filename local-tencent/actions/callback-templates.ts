import {
  NOTIFY_URL_FIELDS,
  type CallBackTemplateInfo,
  type CreateLiveCallbackTemplateRequest,
  type DeleteLiveCallbackTemplateRequest,
  type ModifyLiveCallbackTemplateRequest,
} from '../../lib/tencent/types';
import type { ParamsSpec } from '../params';
import { noNotifyUrls, type CallbackTemplate, type LocalTencentState } from '../state';
import { TencentFault, invalidValue } from '../tencent-fault';
import { defineAction } from './action';

/** CreateLiveCallbackTemplate's documented limit ("数量上限：50"). */
export const MAX_CALLBACK_TEMPLATES = 50;

const NAME_MAX_BYTES = 255;
const DESCRIPTION_MAX_BYTES = 1024;
/** "仅支持中文、英文、数字、_、-": Chinese characters, letters, digits, `_` and `-`. */
const NAME_CHARACTERS = /^[\p{Script=Han}A-Za-z0-9_-]*$/u;
/** The callback key is letters and digits, at most 32 (the console's rule). */
const CALLBACK_KEY = /^[A-Za-z0-9]{1,32}$/;
const EXCEPTION_LEVELS = ['error', 'warning', 'info'];

const urlParams = Object.fromEntries(
  NOTIFY_URL_FIELDS.map((field) => [field, { type: 'String' }]),
) as ParamsSpec;

const templateParams: ParamsSpec = {
  ...urlParams,
  Description: { type: 'String' },
  CallbackKey: { type: 'String' },
  RecordExceptionLevels: { type: 'Array of String' },
};

export const createLiveCallbackTemplate = defineAction<CreateLiveCallbackTemplateRequest>(
  {
    TemplateName: { type: 'String', required: true },
    StreamMixNotifyUrl: { type: 'String' },
    ...templateParams,
  },
  (request, state) => {
    checkTemplate(request, state);
    if (!NOTIFY_URL_FIELDS.some((field) => request[field])) {
      throw new TencentFault('InvalidParameter', 'At least one callback URL is required.');
    }
    if (state.templates().length >= MAX_CALLBACK_TEMPLATES) {
      throw new TencentFault(
        'InternalError.ConfOutLimit',
        `The number of templates exceeds the limit (${MAX_CALLBACK_TEMPLATES}).`,
      );
    }
    const { TemplateId } = state.addTemplate({
      ...noNotifyUrls(),
      Description: '',
      CallbackKey: '',
      StreamMixNotifyUrl: '',
      RecordExceptionLevels: [],
      ...request,
    });
    return { TemplateId };
  },
);

export const modifyLiveCallbackTemplate = defineAction<ModifyLiveCallbackTemplateRequest>(
  {
    TemplateId: { type: 'Integer', required: true },
    TemplateName: { type: 'String' },
    ...templateParams,
  },
  (request, state) => {
    const { TemplateId, ...changes } = request;
    existingTemplate(state, TemplateId);
    checkTemplate(changes, state, TemplateId);
    state.updateTemplate(TemplateId, changes);
    return {};
  },
);

export const describeLiveCallbackTemplates = defineAction<Record<string, never>>(
  {},
  (_request, state) => ({
    Templates: state.templates().map(templateInfo),
  }),
);

export const deleteLiveCallbackTemplate = defineAction<DeleteLiveCallbackTemplateRequest>(
  { TemplateId: { type: 'Integer', required: true } },
  ({ TemplateId }, state) => {
    existingTemplate(state, TemplateId);
    if (state.rules().some((rule) => rule.TemplateId === TemplateId)) {
      throw new TencentFault(
        'FailedOperation.ConfInUsed',
        `The template ${TemplateId} is in use by a callback rule; delete the rule first.`,
      );
    }
    state.deleteTemplate(TemplateId);
    return {};
  },
);

/** Tencent's `InternalError.ConfNotFound` ("模版不存在") for an id that names no template. */
export function existingTemplate(state: LocalTencentState, id: number): CallbackTemplate {
  const template = state.template(id);
  if (!template) {
    throw new TencentFault('InternalError.ConfNotFound', `The template ${id} does not exist.`);
  }
  return template;
}

function checkTemplate(
  fields: Partial<CreateLiveCallbackTemplateRequest>,
  state: LocalTencentState,
  self?: number,
): void {
  const { TemplateName: name, Description: description, CallbackKey: key } = fields;
  if (name !== undefined) {
    if (name === '' || bytes(name) > NAME_MAX_BYTES || !NAME_CHARACTERS.test(name)) {
      throw new TencentFault(
        'InvalidParameter.ArgsNotMatch',
        'TemplateName must be 1 to 255 bytes of Chinese characters, letters, digits, _ and -.',
      );
    }
    if (
      state.templates().some((other) => other.TemplateName === name && other.TemplateId !== self)
    ) {
      throw new TencentFault(
        'InvalidParameter.ArgsNotMatch',
        `A template named ${name} already exists.`,
      );
    }
  }
  if (
    description !== undefined &&
    (bytes(description) > DESCRIPTION_MAX_BYTES || !NAME_CHARACTERS.test(description))
  ) {
    throw invalidValue(
      'Description must be at most 1024 bytes of Chinese characters, letters, digits, _ and -.',
    );
  }
  // Never echo the key: it is the secret every callback is signed with.
  if (key !== undefined && !CALLBACK_KEY.test(key)) {
    throw invalidValue('CallbackKey must be 1 to 32 letters and digits.');
  }
  for (const field of NOTIFY_URL_FIELDS) {
    const url = fields[field];
    if (url && !isHttpUrl(url)) {
      throw new TencentFault(
        'InvalidParameter.InvalidCallbackUrl',
        `${field} is not an http(s) URL.`,
      );
    }
  }
  const levels = fields.RecordExceptionLevels;
  if (levels?.some((level) => !EXCEPTION_LEVELS.includes(level))) {
    throw invalidValue('RecordExceptionLevels may hold error, warning and info only.');
  }
}

/** A template as Describe returns it: `CallBackTemplateInfo`'s fields, in its order. */
function templateInfo(template: CallbackTemplate): CallBackTemplateInfo {
  // The model has no RecordStatusNotifyUrl: Tencent does not echo that one.
  return {
    TemplateId: template.TemplateId,
    TemplateName: template.TemplateName,
    Description: template.Description,
    StreamBeginNotifyUrl: template.StreamBeginNotifyUrl,
    StreamMixNotifyUrl: template.StreamMixNotifyUrl,
    StreamEndNotifyUrl: template.StreamEndNotifyUrl,
    RecordNotifyUrl: template.RecordNotifyUrl,
    SnapshotNotifyUrl: template.SnapshotNotifyUrl,
    PornCensorshipNotifyUrl: template.PornCensorshipNotifyUrl,
    CallbackKey: template.CallbackKey,
    PushExceptionNotifyUrl: template.PushExceptionNotifyUrl,
    AudioAuditNotifyUrl: template.AudioAuditNotifyUrl,
    RecordExceptionNotifyUrl: template.RecordExceptionNotifyUrl,
    RecordExceptionLevels: [...template.RecordExceptionLevels],
  };
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
