/** One answer of the source: the bytes from `start` on, as they arrive. */
export interface SourceResponse {
  body: AsyncIterable<Uint8Array>;
  /** Offset of the first byte of `body` in the file: the range asked for, or 0 for all of it. */
  start: number;
  /** The whole file's length, when the source said it (`Content-Length`, `Content-Range`). */
  totalBytes?: number;
  /** Stops the transfer (the attempt ends): `body` then ends with an error. */
  cancel(): void;
}

export interface SourceRequest {
  /** Ask for the file from this offset on (a ranged GET). */
  start?: number;
  /** Ends the request when aborted. */
  signal?: AbortSignal;
}

/**
 * Where recordings are read from: Tencent VOD's CDN, over HTTP(S). Throws `SourceRefusedError`
 * (403), `SourceNotFoundError` (404, 410) or `SourceUnavailableError` (anything else that failed);
 * a body that ends before its announced length ends with a `SourceUnavailableError` too.
 */
export interface RecordingSource {
  get(url: string, request?: SourceRequest): Promise<SourceResponse>;
}
