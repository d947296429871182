import {
  CopyStoppedError,
  SourceNotFoundError,
  SourceRefusedError,
  SourceUnavailableError,
} from './errors';
import { signHotlinkUrl, withoutQuery } from './hotlink';
import type { RecordingSource, SourceRequest, SourceResponse } from './source';

/** Budgets of a request to the source: a CDN answers in well under a second. */
export const SOURCE_HEADERS_TIMEOUT_MS = 30_000;
/** The longest silence while a body streams before the transfer is given up (and resumed later). */
export const SOURCE_IDLE_TIMEOUT_MS = 60_000;

export interface HttpSourceOptions {
  /**
   * The VOD domain's Key Hotlink Protection key, if one is configured: each request is then
   * signed (see `./hotlink.ts`). Called per request; the caller caches it.
   */
  hotlinkKey?: () => Promise<string | undefined>;
  now?: () => Date;
  headersTimeoutMs?: number;
  idleTimeoutMs?: number;
}

/**
 * Tencent VOD's files over HTTP(S), with Node's `fetch`: redirects followed, bytes as stored
 * (`Accept-Encoding: identity`), a ranged GET to resume, each request signed when a hotlink key
 * is configured. The signed URL stays inside this class: errors and logs name the URL without
 * its query.
 */
export class HttpRecordingSource implements RecordingSource {
  private readonly headersTimeoutMs: number;
  private readonly idleTimeoutMs: number;

  constructor(private readonly options: HttpSourceOptions = {}) {
    this.headersTimeoutMs = options.headersTimeoutMs ?? SOURCE_HEADERS_TIMEOUT_MS;
    this.idleTimeoutMs = options.idleTimeoutMs ?? SOURCE_IDLE_TIMEOUT_MS;
  }

  async get(url: string, { start, signal }: SourceRequest = {}): Promise<SourceResponse> {
    const shown = withoutQuery(url);
    const key = await this.options.hotlinkKey?.();
    const target =
      key === undefined
        ? url
        : signHotlinkUrl(url, key, { now: this.options.now?.() ?? new Date() });
    const controller = new AbortController();
    const stop = () => controller.abort(new CopyStoppedError());
    if (signal?.aborted) throw new CopyStoppedError();
    signal?.addEventListener('abort', stop, { once: true });
    const done = () => signal?.removeEventListener('abort', stop);

    const waiting = setTimeout(
      () => controller.abort(new SourceUnavailableError(shown, 'no answer in time')),
      this.headersTimeoutMs,
    );
    let response: Response;
    try {
      response = await fetch(target, {
        headers: {
          'accept-encoding': 'identity',
          ...(start !== undefined && start > 0 && { range: `bytes=${start}-` }),
        },
        redirect: 'follow',
        signal: controller.signal,
      });
    } catch (error) {
      done();
      throw failureOf(error, controller.signal, shown);
    } finally {
      clearTimeout(waiting);
    }

    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel().catch(() => undefined);
      done();
      throw statusError(response.status, shown, key !== undefined);
    }
    const { first, total } = rangeOf(response);
    return {
      body: this.stream(response, controller, shown, done),
      start: first,
      ...(total !== undefined && { totalBytes: total }),
      cancel: () => controller.abort(new CopyStoppedError()),
    };
  }

  /** The body, chunk by chunk, given up after `idleTimeoutMs` of silence. */
  private async *stream(
    response: Response,
    controller: AbortController,
    shown: string,
    done: () => void,
  ): AsyncGenerator<Uint8Array> {
    const idle = () =>
      controller.abort(new SourceUnavailableError(shown, `no byte for ${this.idleTimeoutMs} ms`));
    let timer = setTimeout(idle, this.idleTimeoutMs);
    try {
      if (response.body === null) return;
      for await (const chunk of response.body) {
        clearTimeout(timer);
        timer = setTimeout(idle, this.idleTimeoutMs);
        yield chunk;
      }
    } catch (error) {
      throw failureOf(error, controller.signal, shown);
    } finally {
      clearTimeout(timer);
      done();
      if (!controller.signal.aborted) controller.abort(new CopyStoppedError());
    }
  }
}

function statusError(status: number, shown: string, signed: boolean): Error {
  if (status === 403) return new SourceRefusedError(shown, signed);
  if (status === 404 || status === 410) return new SourceNotFoundError(shown, status);
  return new SourceUnavailableError(shown, `HTTP ${status}`);
}

/** What an aborted or failed request means: the reason we aborted it with, or a cut connection. */
function failureOf(error: unknown, signal: AbortSignal, shown: string): Error {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason;
  return new SourceUnavailableError(shown, 'the connection failed', { cause: error });
}

/** Where the body starts, and the whole file's length, from `Content-Range` or `Content-Length`. */
function rangeOf(response: Response): { first: number; total?: number } {
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (response.status === 200) {
    return { first: 0, ...(Number.isSafeInteger(length) && { total: length }) };
  }
  const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  const first = Number(range?.[1] ?? 0);
  const total = range?.[2] === undefined || range[2] === '*' ? undefined : Number(range[2]);
  return { first, ...(total !== undefined && { total }) };
}
