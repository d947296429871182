/*
 * The callbacks Tencent CSS sends, one kind each (./kinds/), and the events this service
 * publishes for them and of its own accord (source `tencentcloud.css`). Subscribers import the
 * detail types from here; docs/events.md describes every event.
 */
export { KINDS, kindOfEventType, keptWhenTruncated } from './registry';
export { SERVICE_EVENTS } from './service-events';
export type { EventKind, Projection, TableName } from './kind';
export type { DetailOf, EventDetail, EventIdentity } from './detail';
export type { DetailType, DetailsByType } from './detail-types';
export { summariseEvent } from './summarise';
export { RECORDING_EVENT_DETAIL_TYPE, type RecordingFileCreatedDetail } from './kinds/recording';
export { PUSH_STARTED_DETAIL_TYPE, type StreamPushStartedDetail } from './kinds/push-started';
export { PUSH_ENDED_DETAIL_TYPE, type StreamPushEndedDetail } from './kinds/push-ended';
export { SCREENSHOT_DETAIL_TYPE, type ScreenshotCreatedDetail } from './kinds/screenshot';
export {
  IMAGE_MODERATION_DETAIL_TYPE,
  type ImageModerationResultDetail,
} from './kinds/image-moderation';
export {
  AUDIO_MODERATION_DETAIL_TYPE,
  type AudioModerationResultDetail,
} from './kinds/audio-moderation';
export { PUSH_EXCEPTION_DETAIL_TYPE, type PushExceptionDetail } from './kinds/push-exception';
export {
  RECORDING_STATUS_DETAIL_TYPE,
  type RecordingStatusChangedDetail,
} from './kinds/recording-status';
export {
  RECORDING_EXCEPTION_DETAIL_TYPE,
  type RecordingExceptionDetail,
} from './kinds/recording-exception';
export {
  CALLBACK_RECEIVED_DETAIL_TYPE,
  type CallbackReceivedDetail,
} from './kinds/callback-received';
export {
  RECORDING_ARCHIVED_DETAIL_TYPE,
  type RecordingFileArchivedDetail,
} from './kinds/recording-archived';
