/** The local Tencent: a strict fake of Tencent Cloud's CSS API for tests, the simulator and `npm start`. */
export {
  DEFAULT_REQUESTS_PER_SECOND,
  LOCAL_TENCENT_PORT,
  localTencentPort,
  startLocalTencent,
  type LocalTencent,
  type LocalTencentOptions,
} from './server';
export type {
  Binding,
  CallbackRecord,
  CallbackRecordInput,
  CallbackRule,
  CallbackTemplate,
  Counters,
  LocalTencentState,
  PushSession,
  PushSessionInput,
} from './state';
export type { Fault, FaultEffect } from './faults';
export { CALLBACK_RECORD_LIMITS } from './actions/callback-records';
export { MAX_CALLBACK_TEMPLATES } from './actions/callback-templates';
export { STREAM_EVENT_LIMITS } from './actions/stream-events';
