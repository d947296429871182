/**
 * Attributes the outbox keeps beside a record in its item. They are not part of the event.
 * `publish_pending` is `PENDING` while the event is not out and `PARKED` while it is parked, with
 * `publish_pending_since` the time it became so; both go once it is published, so the sparse index
 * `pending-publish` holds exactly the records waiting for the bus or for a person.
 * `publish_claimed_until` is the lease of whoever is publishing right now (absent while it is the
 * lease of the version's writer, which `updated_at` implies); `publish_attempts`,
 * `publish_next_attempt_at` and `publish_last_error` tell a person why a record is still pending;
 * `publish_parked_at` and `publish_parked_reason` why it was parked.
 * `received_via` says whether Tencent delivered the record (`callback`) or the reconciler recovered
 * it from Tencent's history (`history`, with `recovered_at`); `verified_at` when Tencent's history
 * confirmed it; `verify_pending` exists while it waits for that confirmation (the sparse index
 * `pending-verification` finds them, by `updated_at`: a version waits from when it is written).
 * `archive` and `archive_progress` are the archiver's (lib/archive, off unless deployed with
 * `archiveRecordings`): where the recording's bytes are in S3 once copied, and how far a copy got.
 */
export const BookkeepingField = {
  receivedAt: 'received_at',
  updatedAt: 'updated_at',
  version: 'version',
  contentHash: 'content_hash',
  bodyHash: 'body_hash',
  publishedAt: 'published_at',
  publishPending: 'publish_pending',
  publishPendingSince: 'publish_pending_since',
  publishClaimedUntil: 'publish_claimed_until',
  publishAttempts: 'publish_attempts',
  publishNextAttemptAt: 'publish_next_attempt_at',
  publishLastError: 'publish_last_error',
  publishParkedAt: 'publish_parked_at',
  publishParkedReason: 'publish_parked_reason',
  receivedVia: 'received_via',
  recoveredAt: 'recovered_at',
  verifiedAt: 'verified_at',
  verifyPending: 'verify_pending',
  /** Written by releases before 2026-12-07 (now `updated_at` says it); read and ignored. */
  verifyPendingSince: 'verify_pending_since',
  archive: 'archive',
  archiveProgress: 'archive_progress',
} as const;

/** The event's own fields beside the record's: `id` and `version`, and the truncation marks. */
export const EVENT_FIELD_NAMES = ['id', 'version', 'truncated', 'truncated_fields'] as const;

/** Names a field from Tencent cannot take in the item or the event without clobbering ours. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set<string>([
  ...Object.values(BookkeepingField),
  ...EVENT_FIELD_NAMES,
]);
