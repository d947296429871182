const MIB = 1024 * 1024;

/** How a copy is paced and bounded; `DEFAULT_COPY_SETTINGS` is what the function uses. */
export interface CopySettings {
  /**
   * Bytes of each part of a multipart upload: S3 refuses parts under 5 MiB (but the last) and
   * more than 10,000 parts (a larger part size is then taken for a file of known size). Memory
   * holds at most `partSize × (queueSize + 1)` of the file, whatever its size.
   */
  partSize: number;
  /** Parts uploaded at the same time. */
  queueSize: number;
  /** HLS files copied at the same time. */
  filesAtOnce: number;
  /** How long an attempt holds the copy after its last save; another attempt waits that long. */
  leaseSeconds: number;
  /** With less time left than this, an attempt starts no new part and saves what it has. */
  stopBeforeEndMs: number;
  /** With less time left than this, transfers still running are cut: the attempt must save. */
  abortBeforeEndMs: number;
  /** How often an attempt that waits for another's lease looks at the item again. */
  leasePollMs: number;
  /** HLS: progress is saved at most this often (and always when an attempt stops). */
  hlsSaveIntervalMs: number;
}

/**
 * 16 MiB parts, four at a time: about 80 MiB of the file in memory at most, a part every
 * fraction of a second at Lambda's bandwidth, and 10,000 parts of 16 MiB cover 156 GiB.
 * The lease outlives the slowest plausible part (16 MiB at 100 KB/s); an attempt stops 90 s
 * before its end, which leaves in-flight parts time to finish and the progress time to be saved.
 */
export const DEFAULT_COPY_SETTINGS: CopySettings = {
  partSize: 16 * MIB,
  queueSize: 4,
  filesAtOnce: 4,
  leaseSeconds: 180,
  stopBeforeEndMs: 90_000,
  abortBeforeEndMs: 20_000,
  leasePollMs: 10_000,
  hlsSaveIntervalMs: 5_000,
};

/** S3's most parts in one upload. */
export const MAX_PARTS = 10_000;
