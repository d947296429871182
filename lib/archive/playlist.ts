import { createHash } from 'node:crypto';
import { UnsupportedSourceError } from './errors';
import { PLAYLIST_NAME } from './key-plan';

/** A file an HLS playlist names: a media segment, or the initialisation section (`EXT-X-MAP`). */
export interface PlaylistFile {
  /** Absolute, resolved against the playlist's URL. */
  url: string;
  /** Its name under the recording's prefix: the URL's last path segment. */
  name: string;
}

export interface Playlist {
  /** Every file the playlist names, once each, in the order it names them. */
  files: PlaylistFile[];
  /** The playlist with each file's URI replaced by its name: what the bucket holds. */
  archived: string;
  /** Whether it ends with `#EXT-X-ENDLIST` (a finished recording does). */
  ended: boolean;
  /** A fingerprint of the text: a resumed copy checks it still reads the same playlist. */
  fingerprint: string;
}

/** Tags of a master playlist: it names other playlists, not media. */
const MASTER_TAGS = ['#EXT-X-STREAM-INF', '#EXT-X-I-FRAME-STREAM-INF', '#EXT-X-MEDIA:'];
const URI_ATTRIBUTE = /URI="([^"]*)"/;

/*
 * Written by hand, not with an HLS library: the archive changes one thing (each URI becomes its
 * file's name) and must keep every other line exactly as Tencent wrote it, while the parsers read
 * a playlist into objects and write their own rendering of it back.
 */

/**
 * Reads a media playlist (RFC 8216): its segment URIs and the `URI` of `EXT-X-MAP`. A master
 * playlist, an encrypted one (`EXT-X-KEY` with a method) or two files of the same name are refused:
 * the archive could not keep them playable under one prefix.
 */
export function parsePlaylist(text: string, playlistUrl: string): Playlist {
  const lines = text.split('\n');
  if (lines.find((line) => line.trim() !== '')?.trim() !== '#EXTM3U') {
    throw new UnsupportedSourceError(`${playlistUrl} is not an HLS playlist (no #EXTM3U)`);
  }
  const byName = new Map<string, PlaylistFile>();
  const nameOf = (uri: string): string => {
    const url = new URL(uri, playlistUrl).href;
    const name = fileName(url);
    const known = byName.get(name);
    if (known !== undefined && known.url !== url) {
      throw new UnsupportedSourceError(
        `the playlist ${playlistUrl} names two files called ${name}: they cannot share a prefix`,
      );
    }
    if (name === PLAYLIST_NAME || name === '') {
      throw new UnsupportedSourceError(`the playlist ${playlistUrl} names a file "${name}"`);
    }
    byName.set(name, { url, name });
    return name;
  };

  const archived = lines.map((raw) => {
    // Line ends are kept as written (`\r\n` or `\n`).
    const end = raw.endsWith('\r') ? '\r' : '';
    const line = raw.slice(0, raw.length - end.length);
    return rewritten(line) + end;
  });

  function rewritten(line: string): string {
    const trimmed = line.trim();
    if (trimmed === '') return line;
    if (!trimmed.startsWith('#')) return encodeURIComponent(nameOf(trimmed));
    if (MASTER_TAGS.some((tag) => trimmed.startsWith(tag))) {
      throw new UnsupportedSourceError(
        `${playlistUrl} is a master playlist (it names other playlists): archive its media playlist`,
      );
    }
    if (trimmed.startsWith('#EXT-X-KEY:') && !/METHOD=NONE/.test(trimmed)) {
      throw new UnsupportedSourceError(
        `${playlistUrl} is encrypted (#EXT-X-KEY): its keys are not copied into the bucket`,
      );
    }
    if (trimmed.startsWith('#EXT-X-MAP:')) {
      const uri = URI_ATTRIBUTE.exec(trimmed)?.[1];
      if (uri !== undefined) {
        return line.replace(URI_ATTRIBUTE, `URI="${encodeURIComponent(nameOf(uri))}"`);
      }
    }
    return line;
  }

  return {
    files: [...byName.values()],
    archived: archived.join('\n'),
    ended: lines.some((line) => line.trim() === '#EXT-X-ENDLIST'),
    fingerprint: createHash('sha256').update(text).digest('base64url').slice(0, 22),
  };
}

function fileName(url: string): string {
  const path = new URL(url).pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
