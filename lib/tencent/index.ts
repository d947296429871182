/** The Tencent Cloud API: the port the domain speaks to, its adapter, and their errors. */
export * from './types';
export * from './tencent-api';
export * from './errors';
export * from './credentials';
export * from './endpoint';
export * from './rate-limiter';
export * from './backoff';
export * from './tencentcloud-live-api';
