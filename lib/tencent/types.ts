/*
 * Request and response shapes of the CSS (`live`, 2018-08-01) actions this service calls, with
 * Tencent's exact field names. Field lists copied from the official SDK's models:
 * TencentCloud/tencentcloud-sdk-nodejs, src/services/live/v20180801/live_models.ts
 * (interfaces of the same names; `CallBackTemplateInfo`, `CallBackRuleInfo`, `StreamEventInfo`,
 * `CallbackEventInfo`). Response fields are optional there because Tencent may omit them.
 * `RequestId` is on every response.
 */

interface TencentResponse {
  RequestId?: string;
}

/** The notify URLs a callback template holds, one per event kind. */
export interface CallbackNotifyUrls {
  /** Push started (event_type 1). */
  StreamBeginNotifyUrl?: string;
  /** Push ended (event_type 0). */
  StreamEndNotifyUrl?: string;
  /** Recording file (event_type 100). */
  RecordNotifyUrl?: string;
  /** Recording status (event_type 332). Not echoed by DescribeLiveCallbackTemplates (see below). */
  RecordStatusNotifyUrl?: string;
  /** Screenshot (event_type 200). */
  SnapshotNotifyUrl?: string;
  /** Image moderation (event_type 317). */
  PornCensorshipNotifyUrl?: string;
  /** Push exception (event_type 321). */
  PushExceptionNotifyUrl?: string;
  /** Audio moderation (event_type 315). */
  AudioAuditNotifyUrl?: string;
  /** Recording exception (event_type 341). */
  RecordExceptionNotifyUrl?: string;
}

/** The nine notify URL field names, in Tencent's order. */
export const NOTIFY_URL_FIELDS = [
  'StreamBeginNotifyUrl',
  'StreamEndNotifyUrl',
  'RecordNotifyUrl',
  'RecordStatusNotifyUrl',
  'SnapshotNotifyUrl',
  'PornCensorshipNotifyUrl',
  'PushExceptionNotifyUrl',
  'AudioAuditNotifyUrl',
  'RecordExceptionNotifyUrl',
] as const satisfies readonly (keyof CallbackNotifyUrls)[];

export interface CreateLiveCallbackTemplateRequest extends CallbackNotifyUrls {
  /** At most 255 bytes; Chinese characters, letters, digits, `_` and `-` only. */
  TemplateName: string;
  /** At most 1024 bytes; same characters as the name. */
  Description?: string;
  /** The callback key, shared by every URL of the template. A secret: never log it. */
  CallbackKey?: string;
  /** Deprecated by Tencent. */
  StreamMixNotifyUrl?: string;
  /** `error`, `warning`, `info`. */
  RecordExceptionLevels?: string[];
}

export interface CreateLiveCallbackTemplateResponse extends TencentResponse {
  TemplateId?: number;
}

export interface ModifyLiveCallbackTemplateRequest extends CallbackNotifyUrls {
  TemplateId: number;
  TemplateName?: string;
  Description?: string;
  CallbackKey?: string;
  RecordExceptionLevels?: string[];
}

export type ModifyLiveCallbackTemplateResponse = TencentResponse;

/**
 * A template as DescribeLiveCallbackTemplates returns it (`CallBackTemplateInfo`). The SDK's model
 * has no `RecordStatusNotifyUrl` here although Create and Modify take one.
 */
export interface CallBackTemplateInfo {
  TemplateId?: number;
  TemplateName?: string;
  Description?: string;
  StreamBeginNotifyUrl?: string;
  StreamMixNotifyUrl?: string;
  StreamEndNotifyUrl?: string;
  RecordNotifyUrl?: string;
  SnapshotNotifyUrl?: string;
  PornCensorshipNotifyUrl?: string;
  /** In clear text: never log a template as it came back. */
  CallbackKey?: string;
  PushExceptionNotifyUrl?: string;
  AudioAuditNotifyUrl?: string;
  RecordExceptionNotifyUrl?: string;
  RecordExceptionLevels?: string[];
}

export interface DescribeLiveCallbackTemplatesResponse extends TencentResponse {
  Templates?: CallBackTemplateInfo[];
}

export interface DeleteLiveCallbackTemplateRequest {
  TemplateId: number;
}

export type DeleteLiveCallbackTemplateResponse = TencentResponse;

export interface CreateLiveCallbackRuleRequest {
  /** The push domain. */
  DomainName: string;
  /** The push path (`live` by default in push URLs). */
  AppName: string;
  TemplateId: number;
}

export type CreateLiveCallbackRuleResponse = TencentResponse;

/** A binding of a push domain and path to a template (`CallBackRuleInfo`). */
export interface CallBackRuleInfo {
  /** Beijing time (UTC+8). */
  CreateTime?: string;
  /** Beijing time (UTC+8). */
  UpdateTime?: string;
  TemplateId?: number;
  DomainName?: string;
  AppName?: string;
}

export interface DescribeLiveCallbackRulesResponse extends TencentResponse {
  Rules?: CallBackRuleInfo[];
}

export interface DeleteLiveCallbackRuleRequest {
  DomainName: string;
  AppName: string;
}

export type DeleteLiveCallbackRuleResponse = TencentResponse;

export interface DescribeLiveStreamEventListRequest {
  /** UTC, `2018-12-29T19:00:00Z`; at most 60 days back. */
  StartTime: string;
  /** UTC; not after now, at most 30 days after StartTime. */
  EndTime: string;
  AppName?: string;
  DomainName?: string;
  /** Substring match unless `IsStrict` is 1. */
  StreamName?: string;
  /** From 1; at most 10,000 entries can be paged through. */
  PageNum?: number;
  /** 1 to 100, default 10. */
  PageSize?: number;
  /** 1: only pushes that started successfully. */
  IsFilter?: number;
  /** 1: `StreamName` matches exactly. */
  IsStrict?: number;
  /** 1: ascending by end time; descending by default. */
  IsAsc?: number;
}

/** One push session (`StreamEventInfo`). */
export interface StreamEventInfo {
  AppName: string;
  DomainName: string;
  StreamName: string;
  /** UTC, `2019-01-07T12:00:00Z`. */
  StreamStartTime: string;
  /** UTC. */
  StreamEndTime: string;
  StopReason: string;
  /** Seconds. */
  Duration: number;
  ClientIp: string;
  Resolution: string;
}

export interface DescribeLiveStreamEventListResponse extends TencentResponse {
  EventList: StreamEventInfo[];
  PageNum: number;
  PageSize: number;
  TotalNum: number;
  TotalPage: number;
}

export interface DescribeCallbackRecordsListRequest {
  /** `YYYY-MM-DDThh:mm:ssZ` (UTC) or `YYYY-MM-DD hh:mm:ss` (Beijing time). */
  StartTime: string;
  /** Same formats; at most one day after StartTime, within the last 14 days. */
  EndTime: string;
  /** Exact match. */
  StreamName: string;
  PageNum: number;
  PageSize: number;
  /** 0 push end, 1 push start, 100 recording, 200 screenshot. */
  EventType?: number;
  /** 0 success, anything else a failure. */
  ResultCode?: number;
}

/** One callback Tencent sent (`CallbackEventInfo`). */
export interface CallbackEventInfo {
  /** In the format of the request's StartTime. */
  EventTime?: string;
  EventType?: number;
  /** The body Tencent sent. */
  Request?: string;
  /** What the receiver answered. */
  Response?: string;
  /** In the format of the request's StartTime. */
  ResponseTime?: string;
  ResultCode?: number;
  /** The stream name. */
  StreamId?: string;
}

export interface DescribeCallbackRecordsListResponse extends TencentResponse {
  DataInfoList?: CallbackEventInfo[];
  PageNum?: number;
  PageSize?: number;
  TotalNum?: number;
  TotalPage?: number;
}
