import { ConfigurationError } from './errors';
import { splitKeys } from './callback/keys';
import { DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_MAX_LOOKAHEAD_SECONDS } from './callback/signature';
import { requestsPerSecondFrom } from './tencent/rate-limiter';

export interface Config {
  /** The recordings table. */
  tableName: string;
  /** Every other kind of callback (sessions, screenshots, moderation, errors, ...). */
  eventsTableName: string;
  /** Days the high-volume kinds (screenshots, moderation) are kept (DynamoDB time to live). */
  highVolumeRetentionDays: number;
  eventBusName: string;
  /** Keys from `CALLBACK_KEY` (local and tests); they take precedence over the parameter. */
  callbackKeys: string[];
  /** SSM SecureString holding the key(s) when deployed. */
  callbackKeyParameter?: string;
  clockSkewSeconds: number;
  maxLookaheadSeconds: number;
}

type Env = Record<string, string | undefined>;

/** A month of screenshots and moderation results: enough to look back, bounded in cost. */
export const DEFAULT_HIGH_VOLUME_RETENTION_DAYS = 30;

/**
 * Reads and validates the environment once, at start-up, so a deployment mistake fails with a
 * message naming the variable rather than with an SDK error on the first callback. A missing key
 * is not an error here: the callback answers 5xx until one is configured (fail closed).
 */
export function loadConfig(env: Env = process.env): Config {
  const callbackKeyParameter = optional(env, 'CALLBACK_KEY_PARAMETER');
  return {
    tableName: required(env, 'TABLE_NAME'),
    eventsTableName: required(env, 'EVENTS_TABLE_NAME'),
    highVolumeRetentionDays: wholeNumber(
      env,
      'HIGH_VOLUME_RETENTION_DAYS',
      DEFAULT_HIGH_VOLUME_RETENTION_DAYS,
      'days',
    ),
    eventBusName: required(env, 'EVENT_BUS_NAME'),
    callbackKeys: splitKeys(env.CALLBACK_KEY ?? ''),
    ...(callbackKeyParameter !== undefined && { callbackKeyParameter }),
    clockSkewSeconds: seconds(env, 'CALLBACK_CLOCK_SKEW_SECONDS', DEFAULT_CLOCK_SKEW_SECONDS),
    maxLookaheadSeconds: seconds(
      env,
      'CALLBACK_MAX_LOOKAHEAD_SECONDS',
      DEFAULT_MAX_LOOKAHEAD_SECONDS,
    ),
  };
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigurationError(`Environment variable ${name} is required`);
  return value;
}

function seconds(env: Env, name: string, fallback: number): number {
  return wholeNumber(env, name, fallback, 'seconds');
}

function wholeNumber(env: Env, name: string, fallback: number, unit: string): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    throw new ConfigurationError(
      `Environment variable ${name} must be a whole number of ${unit}, not "${value}"`,
    );
  }
  return Number(value);
}

/** What the reconciler reads beside the service's tables and bus. */
export interface ReconcileConfig extends Config {
  /** The SSM SecureString holding Tencent's API key; absent: reconciliation is off. */
  tencentCredentialsParameter?: string;
  /** The window each scheduled run reads, back from now. */
  lookbackHours: number;
  /** A delivered record unconfirmed by Tencent's history for longer is reported unverified. */
  unverifiedAfterHours: number;
  /** Requests of one Tencent action in any one second (`TENCENT_REQUESTS_PER_SECOND`). */
  tencentRequestsPerSecond: number;
}

/** Two days: a run that failed, or Tencent's history arriving late, is covered by the next runs. */
export const DEFAULT_RECONCILE_LOOKBACK_HOURS = 48;
/** Several hourly runs, so that history Tencent records late does not raise a false alarm. */
export const DEFAULT_UNVERIFIED_AFTER_HOURS = 6;

export function loadReconcileConfig(env: Env = process.env): ReconcileConfig {
  const parameter = optional(env, 'TENCENT_CREDENTIALS_PARAMETER');
  return {
    ...loadConfig(env),
    ...(parameter !== undefined && { tencentCredentialsParameter: parameter }),
    lookbackHours: wholeNumber(
      env,
      'RECONCILE_LOOKBACK_HOURS',
      DEFAULT_RECONCILE_LOOKBACK_HOURS,
      'hours',
    ),
    unverifiedAfterHours: wholeNumber(
      env,
      'UNVERIFIED_AFTER_HOURS',
      DEFAULT_UNVERIFIED_AFTER_HOURS,
      'hours',
    ),
    tencentRequestsPerSecond: requestsPerSecondFrom(env),
  };
}

/** What the archiver reads beside the service's tables and bus (docs/archive.md). */
export interface ArchiveConfig extends Config {
  /** The bucket recordings are copied into. */
  archiveBucket: string;
  /** The SSM SecureString holding the VOD domain's hotlink key; absent: URLs are not signed. */
  vodHotlinkKeyParameter?: string;
}

export function loadArchiveConfig(env: Env = process.env): ArchiveConfig {
  const parameter = optional(env, 'VOD_HOTLINK_KEY_PARAMETER');
  return {
    ...loadConfig(env),
    archiveBucket: required(env, 'ARCHIVE_BUCKET'),
    ...(parameter !== undefined && { vodHotlinkKeyParameter: parameter }),
  };
}
