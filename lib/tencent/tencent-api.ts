import type {
  CreateLiveCallbackRuleRequest,
  CreateLiveCallbackRuleResponse,
  CreateLiveCallbackTemplateRequest,
  CreateLiveCallbackTemplateResponse,
  DeleteLiveCallbackRuleRequest,
  DeleteLiveCallbackRuleResponse,
  DeleteLiveCallbackTemplateRequest,
  DeleteLiveCallbackTemplateResponse,
  DescribeCallbackRecordsListRequest,
  DescribeCallbackRecordsListResponse,
  DescribeLiveCallbackRulesResponse,
  DescribeLiveCallbackTemplatesResponse,
  DescribeLiveStreamEventListRequest,
  DescribeLiveStreamEventListResponse,
  ModifyLiveCallbackTemplateRequest,
  ModifyLiveCallbackTemplateResponse,
} from './types';

/** The product and version every action here belongs to. */
export const LIVE_SERVICE = 'live';
export const LIVE_API_VERSION = '2018-08-01';
export const LIVE_API_HOST = 'live.tencentcloudapi.com';

/**
 * The Tencent Cloud CSS actions the service uses: the port the wiring command and the
 * reconciler speak to. {@link TencentCloudLiveApi} implements it over the official SDK; tests may
 * implement it in memory. Errors are the `TencentError` subclasses of `./errors`.
 */
export interface TencentLiveApi {
  CreateLiveCallbackTemplate(
    request: CreateLiveCallbackTemplateRequest,
  ): Promise<CreateLiveCallbackTemplateResponse>;
  ModifyLiveCallbackTemplate(
    request: ModifyLiveCallbackTemplateRequest,
  ): Promise<ModifyLiveCallbackTemplateResponse>;
  DescribeLiveCallbackTemplates(): Promise<DescribeLiveCallbackTemplatesResponse>;
  DeleteLiveCallbackTemplate(
    request: DeleteLiveCallbackTemplateRequest,
  ): Promise<DeleteLiveCallbackTemplateResponse>;
  CreateLiveCallbackRule(
    request: CreateLiveCallbackRuleRequest,
  ): Promise<CreateLiveCallbackRuleResponse>;
  DescribeLiveCallbackRules(): Promise<DescribeLiveCallbackRulesResponse>;
  DeleteLiveCallbackRule(
    request: DeleteLiveCallbackRuleRequest,
  ): Promise<DeleteLiveCallbackRuleResponse>;
  DescribeLiveStreamEventList(
    request: DescribeLiveStreamEventListRequest,
  ): Promise<DescribeLiveStreamEventListResponse>;
  DescribeCallbackRecordsList(
    request: DescribeCallbackRecordsListRequest,
  ): Promise<DescribeCallbackRecordsListResponse>;
}

export type LiveAction = keyof TencentLiveApi;

/** Every action of the port, for tables and for the local Tencent. */
export const LIVE_ACTIONS = [
  'CreateLiveCallbackTemplate',
  'ModifyLiveCallbackTemplate',
  'DescribeLiveCallbackTemplates',
  'DeleteLiveCallbackTemplate',
  'CreateLiveCallbackRule',
  'DescribeLiveCallbackRules',
  'DeleteLiveCallbackRule',
  'DescribeLiveStreamEventList',
  'DescribeCallbackRecordsList',
] as const satisfies readonly LiveAction[];
