import type { NotifyUrlField } from '../../lib/tencent/wiring';

/** How Tencent retries a callback that was not answered 200 within the timeout. */
export interface RetryPolicy {
  /** The wait after a failed attempt. */
  everyMs: number;
  /** Attempts after the first. */
  retries: number;
  /** Tencent's wait for an answer. */
  timeoutMs: number;
}

/** "重试间隔1分钟, 最多重试12次", 20 s to answer: every callback but screenshots. */
export const CALLBACK_RETRY: RetryPolicy = { everyMs: 60_000, retries: 12, timeoutMs: 20_000 };
/** Screenshots: every 2 minutes, 5 times. */
export const SCREENSHOT_RETRY: RetryPolicy = { everyMs: 120_000, retries: 5, timeoutMs: 20_000 };

/** One event type the simulator plays: Tencent's number, the template URL it goes to, its retries. */
export interface SimulatedEvent {
  eventType: number;
  /** For people: `push start`. */
  label: string;
  urlField: NotifyUrlField;
  retry: RetryPolicy;
}

/** Every event type the simulator plays; the bodies are built in ./payloads.ts. */
export const SIMULATED_EVENTS = {
  pushStart: {
    eventType: 1,
    label: 'push start',
    urlField: 'StreamBeginNotifyUrl',
    retry: CALLBACK_RETRY,
  },
  recording: {
    eventType: 100,
    label: 'recording',
    urlField: 'RecordNotifyUrl',
    retry: CALLBACK_RETRY,
  },
  screenshot: {
    eventType: 200,
    label: 'screenshot',
    urlField: 'SnapshotNotifyUrl',
    retry: SCREENSHOT_RETRY,
  },
  pushEnd: {
    eventType: 0,
    label: 'push end',
    urlField: 'StreamEndNotifyUrl',
    retry: CALLBACK_RETRY,
  },
  recordingStatus: {
    eventType: 332,
    label: 'recording status',
    urlField: 'RecordStatusNotifyUrl',
    retry: CALLBACK_RETRY,
  },
  // Tencent's general retry rule; only screenshots are documented as retried otherwise.
  imageModeration: {
    eventType: 317,
    label: 'image moderation',
    urlField: 'PornCensorshipNotifyUrl',
    retry: CALLBACK_RETRY,
  },
  audioModeration: {
    eventType: 315,
    label: 'audio moderation',
    urlField: 'AudioAuditNotifyUrl',
    retry: CALLBACK_RETRY,
  },
  pushException: {
    eventType: 321,
    label: 'push exception',
    urlField: 'PushExceptionNotifyUrl',
    retry: CALLBACK_RETRY,
  },
  recordingException: {
    eventType: 341,
    label: 'recording exception',
    urlField: 'RecordExceptionNotifyUrl',
    retry: CALLBACK_RETRY,
  },
} as const satisfies Record<string, SimulatedEvent>;

export type SimulatedEventName = keyof typeof SIMULATED_EVENTS;
