import type { AudioModerationResultDetail } from './kinds/audio-moderation';
import type { CallbackReceivedDetail } from './kinds/callback-received';
import type { ImageModerationResultDetail } from './kinds/image-moderation';
import type { StreamPushEndedDetail } from './kinds/push-ended';
import type { PushExceptionDetail } from './kinds/push-exception';
import type { StreamPushStartedDetail } from './kinds/push-started';
import type { RecordingExceptionDetail } from './kinds/recording-exception';
import type { RecordingStatusChangedDetail } from './kinds/recording-status';
import type { ScreenshotCreatedDetail } from './kinds/screenshot';
import type { RecordingFileCreatedDetail } from './recording/event';

/**
 * Every detail-type the service publishes, and the type of its `detail`: a subscriber to several
 * kinds types its event with it, and narrows on `detail-type`.
 *
 * @example
 * import type { EventBridgeEvent } from 'aws-lambda';
 * type AnyEvent = { [T in DetailType]: EventBridgeEvent<T, DetailsByType[T]> }[DetailType];
 * export const handler = async (event: AnyEvent) => {
 *   if (event['detail-type'] === 'Stream Push Ended') console.log(event.detail.errcode);
 * };
 */
export interface DetailsByType {
  'Stream Push Started': StreamPushStartedDetail;
  'Stream Push Ended': StreamPushEndedDetail;
  'Recording File Created': RecordingFileCreatedDetail;
  'Screenshot Created': ScreenshotCreatedDetail;
  'Image Moderation Result': ImageModerationResultDetail;
  'Audio Moderation Result': AudioModerationResultDetail;
  'Push Exception': PushExceptionDetail;
  'Recording Status Changed': RecordingStatusChangedDetail;
  'Recording Exception': RecordingExceptionDetail;
  'Callback Received': CallbackReceivedDetail;
}

export type DetailType = keyof DetailsByType;
