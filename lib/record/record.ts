import type { JsonMap } from '../json/json';

/** The attribute values of an item's primary key in its table (`{ stream_id, file_id }`). */
export type ItemKey = Readonly<Record<string, string>>;

/** What the outbox needs to know of a record to store and publish it. */
export interface RecordIdentity {
  /** The item's primary key in its table. */
  key: ItemKey;
  /** The event's `detail-type` (`Recording File Created`). */
  detailType: string;
  /** The natural key as one string: with `version`, it names one event (`stream_test/1234567890`). */
  id: string;
}

export const ParkReason = {
  /** The bus refused the event for a reason that retrying cannot change (malformed, too large). */
  permanentError: 'permanent-error',
  /** The bus refused it on every attempt of the retry policy (see `./retry-policy.ts`). */
  tooManyAttempts: 'too-many-attempts',
} as const;
export type ParkReason = (typeof ParkReason)[keyof typeof ParkReason];

/**
 * A record with the bookkeeping the outbox keeps beside it. The publishing state moves:
 *
 *   pending ──published──▶ published
 *      │  ▲
 *      │  └── retry-parked (a person, `npm run republish -- --retry-parked`)
 *      └──refused for good, or too often──▶ parked
 *
 * A redelivery whose content differs starts a new version, pending, whatever the old one's state.
 */
export interface StoredRecord extends RecordIdentity {
  /** The normalised callback, as stored in the item and published as the event's detail. */
  fields: JsonMap;
  /** 1 for the first content seen, +1 each time a redelivery brings different content. */
  version: number;
  contentHash: string;
  /** ISO time the first delivery arrived. */
  receivedAt: string;
  /** ISO time this version was written. */
  updatedAt: string;
  /** Set once this version's event is on the bus. */
  publishedAt?: string;
  /** ISO time this version became pending; absent once published or parked. */
  pendingSince?: string;
  /**
   * Until this ISO time, someone holds the right to publish this version; its writer first, for
   * `PUBLISH_CLAIM_SECONDS` from `updatedAt`.
   */
  claimedUntil?: string;
  /** Publishes of this version that the bus refused (an entry-level error), so far. */
  publishAttempts?: number;
  /** Not before this ISO time does the republisher try again (backoff after a refusal). */
  nextAttemptAt?: string;
  /** What the bus said the last time it refused this version (`MalformedDetail: ...`). */
  lastError?: string;
  /** Set while this version is parked: no longer retried until a person puts it back in line. */
  parkedAt?: string;
  parkedReason?: ParkReason;
  /** A fingerprint of the body Tencent sent (see `bodyHashOf`); absent on records of older versions. */
  bodyHash?: string;
  /** How this version arrived: Tencent's delivery, or Tencent's history (recovered). */
  receivedVia?: ReceivedVia;
  /** When this record was recovered from Tencent's history (absent for delivered records). */
  recoveredAt?: string;
  /** When Tencent's history confirmed it sent exactly this content. */
  verifiedAt?: string;
  /**
   * Set while this version waits for Tencent's history to confirm it: a delivered callback of a
   * kind Tencent's history holds. A record that stays unverified was never sent by Tencent. It
   * waits from the moment it is written: always its `updatedAt`.
   */
  unverifiedSince?: string;
}

export const ReceivedVia = {
  /** Tencent POSTed it to the service. */
  callback: 'callback',
  /** The reconciler found it in Tencent's callback history and brought it in. */
  history: 'history',
} as const;
export type ReceivedVia = (typeof ReceivedVia)[keyof typeof ReceivedVia];

/** Where a stored version came from, as `storeRecord` records it. */
export type Provenance =
  | {
      via: typeof ReceivedVia.callback;
      /** Tencent's history holds callbacks of this kind, so it can confirm this one later. */
      verifiable: boolean;
    }
  | { via: typeof ReceivedVia.history };

/** A refusal of one event by the bus, as recorded on its item. */
export interface PublishFailure {
  attempts: number;
  lastError: string;
  /** When the bus refused it: the publisher's claim ends then. */
  failedAt: string;
  /** Retry not before this time; absent when the record is parked instead. */
  nextAttemptAt?: string;
  parked?: { at: string; reason: ParkReason };
}

/** Every event of this service has this `source`. */
export const EVENT_SOURCE = 'tencentcloud.css';
