import { CopyStoppedError, OutOfTimeError, UnsupportedSourceError } from './errors';
import { withoutQuery } from './hotlink';
import { contentTypeOf } from './key-plan';
import { parsePlaylist, type Playlist } from './playlist';
import { TaskPool } from './task-pool';
import type { HlsPlan } from './types';
import { deadlineSignal, timeToStop, type CopyContext, type CopyResult } from './copy-context';

/** A playlist larger than this is not a recording's (a day of 2-second segments is ~3 MB). */
export const MAX_PLAYLIST_BYTES = 16 * 1024 * 1024;

/*
 * An HLS recording is its playlist and the files it names. Each file is a small object of its own,
 * streamed from the source into a plain upload, a few at a time; the progress on the item counts
 * the files copied in the playlist's order, and a resumed copy skips them. The playlist, its URIs
 * rewritten to the files' names, is written last: an HLS recording in the bucket without its
 * `index.m3u8` is one whose copy has not finished.
 */
export async function copyHls(
  context: CopyContext,
  plan: HlsPlan,
  url: string,
): Promise<CopyResult> {
  const { objects, source, lease, log, settings } = context;
  const playlist = await readPlaylist(context, url);
  if (!playlist.ended) {
    log.warn('the playlist has no #EXT-X-ENDLIST: archiving the files it names now', {
      key: plan.playlistKey,
    });
  }
  if (lease.progress.playlist !== undefined && lease.progress.playlist !== playlist.fingerprint) {
    log.warn('the playlist changed since the last attempt: its files are copied again', {
      key: plan.playlistKey,
    });
    await lease.restart();
  }
  let copied = lease.progress.playlist === undefined ? 0 : (lease.progress.files ?? 0);
  let bytes = copied === 0 ? 0 : lease.progress.bytes;
  const sizes = new Map<number, number>();
  let lastSave = Date.now();

  const deadline = deadlineSignal(context);
  const pool = new TaskPool(settings.filesAtOnce);
  let stopped = false;
  try {
    for (let index = copied; index < playlist.files.length; index++) {
      if (timeToStop(context)) {
        stopped = true;
        break;
      }
      const file = playlist.files[index] as Playlist['files'][number];
      await pool.start(async () => {
        const response = await source.get(file.url, { signal: deadline.signal });
        const written = await objects.putObject(
          `${plan.prefix}${file.name}`,
          response.body,
          { contentType: contentTypeOf(file.name), metadata: plan.metadata },
          deadline.signal,
        );
        sizes.set(index, written.bytes);
        let grew = false;
        for (let size = sizes.get(copied); size !== undefined; size = sizes.get(copied)) {
          sizes.delete(copied);
          copied++;
          bytes += size;
          grew = true;
        }
        const due = Date.now() - lastSave >= settings.hlsSaveIntervalMs;
        if (grew && due) {
          lastSave = Date.now();
          await lease.save({ playlist: playlist.fingerprint, files: copied, bytes });
        }
      });
      if (pool.failed) break;
    }
    await pool.drain().catch((error: unknown) => {
      if (deadline.signal.aborted || error instanceof CopyStoppedError) {
        throw new OutOfTimeError(bytes, undefined);
      }
      throw error;
    });
  } finally {
    deadline.done();
    // Whatever happened, the next attempt skips what is copied.
    await lease
      .save({ playlist: playlist.fingerprint, files: copied, bytes })
      .catch((error: unknown) => log.warn('could not save the progress', { error }));
  }
  if (stopped) throw new OutOfTimeError(bytes, undefined);

  const text = Buffer.from(playlist.archived, 'utf8');
  await objects.putObject(plan.playlistKey, text, {
    contentType: contentTypeOf(plan.playlistKey),
    metadata: plan.metadata,
  });
  return { key: plan.playlistKey, bytes: bytes + text.length };
}

async function readPlaylist(context: CopyContext, url: string): Promise<Playlist> {
  const response = await context.source.get(url);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > MAX_PLAYLIST_BYTES) {
      response.cancel();
      throw new UnsupportedSourceError(
        `${withoutQuery(url)} is larger than ${MAX_PLAYLIST_BYTES} bytes: not a recording's playlist`,
      );
    }
    chunks.push(chunk);
  }
  return parsePlaylist(Buffer.concat(chunks).toString('utf8'), withoutQuery(url));
}
