import { NOTIFY_URL_FIELDS, type CallbackNotifyUrls } from '../types';

/** One notify URL field of a callback template (`RecordNotifyUrl`, ...). */
export type NotifyUrlField = keyof CallbackNotifyUrls;

/**
 * The notify URLs `setup` points at the callback URL: every event kind the service handles. The
 * service stores and publishes every authenticated callback, whatever its kind, so that is all
 * nine. A field taken out of this list is no longer set, and never cleared: a URL
 * someone put there by hand stays.
 */
export const WIRED_URL_FIELDS: readonly NotifyUrlField[] = NOTIFY_URL_FIELDS;

/**
 * Notify URLs Tencent takes but never shows: `CallBackTemplateInfo` (what
 * DescribeLiveCallbackTemplates returns) has no `RecordStatusNotifyUrl`. Setup sets them whenever
 * it creates or modifies the template; it cannot compare them, so they never make it modify one.
 */
export const UNREPORTED_URL_FIELDS: ReadonlySet<NotifyUrlField> = new Set([
  'RecordStatusNotifyUrl',
]);

/** Tencent's default push path (`rtmp://<domain>/live/<stream>`). */
export const DEFAULT_APP_NAME = 'live';

/** What Tencent accepts as a callback key (the console's rule): letters and digits, 1 to 32. */
export const CALLBACK_KEY_PATTERN = /^[A-Za-z0-9]{1,32}$/;

/** CreateLiveCallbackTemplate's rule for names: letters, digits, `_` and `-` (and Chinese). */
const TEMPLATE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The template a stage's wiring owns: `<service>-<stage>`, for example
 * `tencent-css-recordings-prod`. Setup finds its template by this name.
 */
export function wiringTemplateName(service: string, stage: string): string {
  const name = `${service}-${stage}`;
  if (!TEMPLATE_NAME_PATTERN.test(name)) {
    throw new RangeError(
      `The template name ${JSON.stringify(name)} is not letters, digits, _ and - only, as Tencent requires`,
    );
  }
  return name;
}
